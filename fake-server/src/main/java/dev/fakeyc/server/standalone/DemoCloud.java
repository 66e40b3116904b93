package dev.fakeyc.server.standalone;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;

import java.io.PrintStream;
import java.util.Set;

/**
 * The cloud the jar starts without {@code --config}: one credential of each kind, printed whole with
 * curl lines a person can paste. Printing secrets is the point here; they are throwaway values of
 * a fake that exists for this process only.
 */
record DemoCloud(FakeYandexCloud cloud, ServiceAccount sa, UserAccount user, IamToken saToken, IamToken userToken, ApiKey defaultKey,
		ApiKey workflowsKey, OAuthToken oauth) {

	static DemoCloud create(FakeYandexCloud cloud) {
		ServiceAccount sa = cloud.createServiceAccount();
		UserAccount user = cloud.createUserAccount();
		return new DemoCloud(cloud, sa, user, cloud.issueIamToken(sa), cloud.issueIamToken(user), cloud.createApiKey(sa),
				cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE)), cloud.issueOAuthToken(user));
	}

	void print(PrintStream out, String url) {
		out.println();
		out.println("Demo cloud (throwaway credentials of this process only):");
		line(out, "  service account   ", sa.id(), " in folder ", sa.folderId());
		line(out, "  user account      ", user.id());
		line(out, "  IAM token (SA)    ", saToken.value());
		line(out, "  IAM token (user)  ", userToken.value());
		line(out, "  API key           ", defaultKey.value(), "  (id ", defaultKey.id(), ", default scopes)");
		line(out, "  API key           ", workflowsKey.value(), "  (id ", workflowsKey.id(), ", scope ", Scopes.WORKFLOWS_EXECUTE, ")");
		line(out, "  OAuth token       ", oauth.value(), "  (user account; exchange at POST /iam/v1/tokens)");
		out.println();
		out.println("Try:");
		line(out, "  curl -s ", url, "/foundationModels/v1/completion -H 'Authorization: Api-Key ", defaultKey.value(),
				"' -H 'Content-Type: application/json' -d '{\"modelUri\":\"gpt://", sa.folderId(), "/yandexgpt/latest\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}'");
		line(out, "  curl -s ", url, "/workflows/v1/execution/start -H 'Authorization: Api-Key ", workflowsKey.value(),
				"' -H 'Content-Type: application/json' -d '{\"workflowId\":\"dfq00000000000000000\"}'");
		line(out, "  curl -s ", url, "/workflows/v1/workflow/dfq00000000000000000 -H 'Authorization: Api-Key ", workflowsKey.value(),
				"'   # refused: the Workflow resource takes IAM tokens only");
		line(out, "  curl -s ", url, "/compute/v1/instances?folderId=", sa.folderId(), " -H 'Authorization: Bearer ", saToken.value(), "'");
		line(out, "  curl -s ", url, "/foundationModels/v1/completion -H 'Authorization: Bearer ", userToken.value(),
				"' -H 'Content-Type: application/json' -d '{}'   # refused: a user account must send x-folder-id");
		line(out, "  curl -s ", url, "/_fakeyc/journal   # what the fake received, and why it decided so");
		out.println();
	}

	/**
	 * Prints the parts as one line. Not a {@code +} chain: each chain is an invokedynamic whose first call spins
	 * method-handle classes, and this runs right after the startup line, beside a client's first request.
	 */
	private static void line(PrintStream out, String... parts) {
		StringBuilder line = new StringBuilder(256);
		for (String part : parts) {
			line.append(part);
		}
		out.println(line);
	}
}
