'use strict';
// The official Yandex Cloud Node SDK against fakeyc's gRPC front: run by NodeSdkInteropTest (samples) in
// `mvn -B verify`, against the standalone jar started with --grpc-port 0 --grpc-ca-file FILE.
//
// Environment:
//   FAKEYC_GRPC_TARGET  HOST:PORT of the gRPC front (the jar's "fakeyc gRPC listening on" line)
//   FAKEYC_CA_FILE      the PEM the jar wrote (--grpc-ca-file)
//   FAKEYC_IAM_TOKEN    an IAM token the fake knows
//   FAKEYC_API_KEY      an API key with the scope yc.serverless.workflows.execute
//   FAKEYC_FOLDER_ID    the folder of the key's service account
//   GRPC_DEFAULT_SSL_ROOTS_FILE_PATH the same PEM: how a grpc-js client that takes no root certificates (here the
//                       generated clients over credentials.createSsl()) trusts the fake. grpc-js reads its default
//                       roots from this file; it does not honour NODE_EXTRA_CA_CERTS (tried: "self-signed certificate")
//
// Prints one line per case, "ok <case>: <what came back>" or "FAILED <case>: <why>", and exits 1 when
// any case failed.
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const { Session } = require('@yandex-cloud/nodejs-sdk');
const { folderService } = require('@yandex-cloud/nodejs-sdk/resourcemanager-v1');
const { executionService, workflowService } = require('@yandex-cloud/nodejs-sdk/serverless-workflows-v1');

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`interop.js: set ${name}`);
    process.exit(2);
  }
  return value;
}

const target = env('FAKEYC_GRPC_TARGET');
const rootCerts = fs.readFileSync(env('FAKEYC_CA_FILE'));
const iamToken = env('FAKEYC_IAM_TOKEN');
const apiKey = env('FAKEYC_API_KEY');
const folderId = env('FAKEYC_FOLDER_ID');
const DEADLINE_MS = 10000;

/** The SDK's own session: Bearer IAM token, trusting the fake through the SDK's ssl.rootCerts option. */
function sessionClient(token, clientClass) {
  return new Session({ iamToken: token, ssl: { rootCerts } }).client(clientClass, target);
}

/** A generated client with the default TLS credentials (trust from GRPC_DEFAULT_SSL_ROOTS_FILE_PATH), and an optional Authorization value. */
function plainClient(ClientClass, authorization) {
  let creds = grpc.credentials.createSsl();
  if (authorization) {
    creds = grpc.credentials.combineChannelCredentials(creds, grpc.credentials.createFromMetadataGenerator((_, done) => {
      const md = new grpc.Metadata();
      md.set('authorization', authorization);
      done(null, md);
    }));
  }
  return new ClientClass(target, creds);
}

/** A callback-style unary call as a promise. */
function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + DEADLINE_MS }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

function refusal(err) {
  const code = Object.keys(grpc.status).find((k) => grpc.status[k] === err.code) || String(err.code);
  return `${code}: ${err.details}`;
}

const cases = [
  ['iam-token-ok', 'OK', async () => {
    const res = await sessionClient(iamToken, folderService.FolderServiceClient).list(folderService.ListFoldersRequest.fromPartial({ cloudId: 'b1gcloud' }),
      { deadline: new Date(Date.now() + DEADLINE_MS) });
    return `OK folders=${res.folders.length}`;
  }],
  ['wrong-token', 'UNAUTHENTICATED: The token is invalid', async () => {
    await sessionClient('t1.wrong-token-the-fake-never-issued', folderService.FolderServiceClient).list(folderService.ListFoldersRequest.fromPartial({ cloudId: 'b1gcloud' }),
      { deadline: new Date(Date.now() + DEADLINE_MS) });
    return 'OK';
  }],
  ['missing-token', 'UNAUTHENTICATED: IAM token or API key has to be passed in request', async () => {
    await unary(plainClient(folderService.FolderServiceClient), 'list', folderService.ListFoldersRequest.fromPartial({ cloudId: 'b1gcloud' }));
    return 'OK';
  }],
  ['api-key-execution-start', 'OK', async () => {
    const res = await unary(plainClient(executionService.ExecutionServiceClient, `Api-Key ${apiKey}`), 'start',
      executionService.StartExecutionRequest.fromPartial({ workflowId: 'dfq00000000000000000', input: { inputJson: '{}' } }));
    return `OK executionId=${JSON.stringify(res.executionId)}`;
  }],
  ['api-key-workflow-list', 'UNAUTHENTICATED', async () => {
    await unary(plainClient(workflowService.WorkflowServiceClient, `Api-Key ${apiKey}`), 'list', workflowService.ListWorkflowsRequest.fromPartial({ folderId }));
    return 'OK';
  }],
];

(async () => {
  let failed = 0;
  for (const [name, expected, run] of cases) {
    let got;
    try {
      got = await run();
    } catch (err) {
      got = err.code === undefined ? `ERROR ${err.message}` : refusal(err);
    }
    const ok = got.startsWith(expected);
    failed += ok ? 0 : 1;
    console.log(`${ok ? 'ok' : 'FAILED'} ${name}: ${got}${ok ? '' : ` (expected ${expected})`}`);
  }
  process.exit(failed ? 1 : 0);
})();
