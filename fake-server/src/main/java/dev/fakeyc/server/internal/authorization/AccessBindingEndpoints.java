package dev.fakeyc.server.internal.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.internal.answer.EndpointAnswer;
import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.internal.answer.JsonBodies;
import org.apiguardian.api.API;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The access-binding API (issue 16): {@code listAccessBindings}, {@code setAccessBindings} and
 * {@code updateAccessBindings} on folders, clouds, organizations and service accounts, with the paths
 * and shapes of yandex-cloud/cloudapi ({@code resourcemanager/v1/folder_service.proto},
 * {@code cloud_service.proto}, {@code organizationmanager/v1/organization_service.proto},
 * {@code iam/v1/service_account_service.proto}; {@code access/access.proto}). Each is checked by the
 * same role check as every route ({@link RoleCheck#refusalOn}), on the resource the path names.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class AccessBindingEndpoints {

	private final AccessStore store;
	private final RoleCatalog catalog;
	private final RoleCheck check;
	private final Function<String, Optional<Subject>> accounts;
	private final Predicate<String> accountFolder;
	private final Supplier<Instant> now;

	/**
	 * @param store         the bindings
	 * @param catalog       the roles and what the API's routes need
	 * @param accounts      the registered accounts by id
	 * @param accountFolder whether a registered service account lives in a folder (by the folder's id)
	 * @param now           the fake's clock
	 */
	public AccessBindingEndpoints(AccessStore store, RoleCatalog catalog, Function<String, Optional<Subject>> accounts, Predicate<String> accountFolder,
			Supplier<Instant> now) {
		this.store = store;
		this.catalog = catalog;
		this.check = new RoleCheck(store, catalog);
		this.accounts = accounts;
		this.accountFolder = accountFolder;
		this.now = now;
	}

	/**
	 * The subject types of yandex-cloud/cloudapi {@code access/access.proto} ({@code Subject.type}: {@code invitee},
	 * {@code group}, {@code userAccount}, {@code serviceAccount}, {@code system}; {@code federatedUser} from earlier
	 * versions of the same comment and the access-control page), in the order a refusal lists them.
	 */
	static final List<String> SUBJECT_TYPES = List.of("userAccount", "serviceAccount", "federatedUser", "system", "group", "invitee");

	/** The kinds of resource that hold access bindings: the REST path's base and the gRPC service. */
	private enum Kind {
		/** resourcemanager/v1/folder_service.proto. */
		FOLDER(AccessBinding.FOLDER, "/resource-manager/v1/folders/", "yandex.cloud.resourcemanager.v1.FolderService"),
		/** resourcemanager/v1/cloud_service.proto. */
		CLOUD(AccessBinding.CLOUD, "/resource-manager/v1/clouds/", "yandex.cloud.resourcemanager.v1.CloudService"),
		/** organizationmanager/v1/organization_service.proto. */
		ORGANIZATION(AccessBinding.ORGANIZATION, "/organization-manager/v1/organizations/", "yandex.cloud.organizationmanager.v1.OrganizationService"),
		/** iam/v1/service_account_service.proto. */
		SERVICE_ACCOUNT(AccessBinding.SERVICE_ACCOUNT, "/iam/v1/serviceAccounts/", "yandex.cloud.iam.v1.ServiceAccountService");

		final String type;
		final String restBase;
		final String grpcService;

		Kind(String type, String restBase, String grpcService) {
			this.type = type;
			this.restBase = restBase;
			this.grpcService = grpcService;
		}

		/**
		 * The answer, naming the resource the request acted on for the journal (and so for the report): the resource
		 * of this kind the request names, or none when it names no id.
		 */
		EndpointAnswer on(String id, EndpointAnswer answer) {
			return id.isEmpty() ? answer.on("", "") : answer.on(type, id);
		}
	}

	/** The three operations, on a resource of some kind named by id: their REST verb and suffix, and gRPC method. */
	private enum Operation {
		LIST("GET ", ":listAccessBindings", "/ListAccessBindings"), SET("POST ", ":setAccessBindings", "/SetAccessBindings"), UPDATE("POST ", ":updateAccessBindings", "/UpdateAccessBindings");

		final String restVerb;
		final String restSuffix;
		final String grpcMethod;

		Operation(String restVerb, String restSuffix, String grpcMethod) {
			this.restVerb = restVerb;
			this.restSuffix = restSuffix;
			this.grpcMethod = grpcMethod;
		}
	}

	/** The endpoints, {@code "METHOD /path"} to the function answering it; the resource id is the path's. */
	public Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> routes() {
		Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> routes = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			for (Operation operation : Operation.values()) {
				routes.put(operation.restVerb.concat(kind.restBase).concat("{resourceId}").concat(operation.restSuffix),
						new Responder(this, kind, operation, false));
			}
		}
		return routes;
	}

	/**
	 * The same endpoints by gRPC method ({@code yandex.cloud.resourcemanager.v1.FolderService/ListAccessBindings},
	 * {@code /SetAccessBindings}, {@code /UpdateAccessBindings}, and the same on {@code CloudService},
	 * {@code organizationmanager.v1.OrganizationService} and {@code iam.v1.ServiceAccountService}) to the function
	 * answering it. The function takes the request message in protobuf's JSON mapping, the resource id in its
	 * {@code resourceId} field, and answers what the REST endpoint answers.
	 */
	public Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> grpcMethods() {
		Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> methods = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			for (Operation operation : Operation.values()) {
				methods.put(kind.grpcService.concat(operation.grpcMethod), new Responder(this, kind, operation, true));
			}
		}
		return methods;
	}

	/** The longest {@code resource_id} the binding API takes (cloudapi {@code yandex/cloud/access/access.proto}). */
	private static final int MAX_RESOURCE_ID = 64;

	/**
	 * One endpoint: an operation on a kind of resource, over REST (the id from the path) or gRPC (the id from the
	 * message's {@code resourceId}). A named class rather than lambdas over method references: the fake builds these
	 * on the way to a cold start's first answer, and each lambda would spin a class there.
	 */
	private static final class Responder implements BiFunction<RecordedRequest, String, EndpointAnswer> {
		private final AccessBindingEndpoints endpoints;
		private final Kind kind;
		private final Operation operation;
		private final boolean grpc;

		Responder(AccessBindingEndpoints endpoints, Kind kind, Operation operation, boolean grpc) {
			this.endpoints = endpoints;
			this.kind = kind;
			this.operation = operation;
			this.grpc = grpc;
		}

		@Override
		public EndpointAnswer apply(RecordedRequest request, String body) {
			JsonNode json = JsonBodies.object(body);
			String id;
			if (grpc) {
				id = json == null ? "" : json.path("resourceId").asText("");
			} else {
				String p = request.path(); // as journaled: a path past the journal's bound is cut, and its id too long anyway
				int slash = p.lastIndexOf('/');
				int colon = p.lastIndexOf(':');
				id = colon > slash ? p.substring(slash + 1, colon) : p.substring(slash + 1);
			}
			EndpointAnswer answer = switch (operation) {
				case LIST -> endpoints.list(request, kind, id, json);
				case SET -> endpoints.set(request, kind, id, json);
				case UPDATE -> endpoints.update(request, kind, id, json);
			};
			return kind.on(id, answer);
		}
	}

	/** The resource a request names, and what lies above it. */
	private record Target(String type, String id, List<Hierarchy.Node> path) {
	}

	/** The resource named, or the 400/404 answer when it is missing or does not exist. */
	private Object target(RecordedRequest request, Kind kind, String id) {
		if (id.isEmpty()) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "Validation failed:\n  - resource_id: Field is required");
		}
		if (id.length() > MAX_RESOURCE_ID) {
			// cloudapi access.proto: resource_id (length) = "<=64"; the wording is chosen, in the form of the line above
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "Validation failed:\n  - resource_id: Length must be at most " + MAX_RESOURCE_ID);
		}
		AccessState state = store.current();
		Hierarchy h = state.hierarchy();
		switch (kind) {
			case FOLDER -> {
				// a folder exists when placed in a cloud, when a service account lives in it, or when it holds bindings
				if (!h.folders().containsKey(id) && !accountFolder.test(id) && state.bindingsOn(AccessBinding.FOLDER, id).isEmpty()) {
					// chosen: the cloud's answer for an unknown folder is not documented; the same form as an unknown cloud's
					return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Folder " + id + " not found");
				}
				return new Target(AccessBinding.FOLDER, id, h.path(id));
			}
			case CLOUD -> {
				if (!h.clouds().containsKey(id)) {
					return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Cloud " + id + " not found");
				}
				return new Target(AccessBinding.CLOUD, id,
						List.of(new Hierarchy.Node(AccessBinding.CLOUD, id), new Hierarchy.Node(AccessBinding.ORGANIZATION, h.organizationOf(id))));
			}
			case ORGANIZATION -> {
				if (!h.organizationId().equals(id) && !h.clouds().containsValue(id)) {
					return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Organization " + id + " not found");
				}
				return new Target(AccessBinding.ORGANIZATION, id, List.of(new Hierarchy.Node(AccessBinding.ORGANIZATION, id)));
			}
			default -> {
				Optional<Subject> account = accounts.apply(id);
				if (account.isEmpty() || !(account.get() instanceof ServiceAccount sa)) {
					return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Service account " + id + " not found");
				}
				List<Hierarchy.Node> path = new ArrayList<>();
				path.add(new Hierarchy.Node(AccessBinding.SERVICE_ACCOUNT, id));
				path.addAll(h.path(sa.folderId()));
				return new Target(AccessBinding.SERVICE_ACCOUNT, id, path);
			}
		}
	}

	/**
	 * The resource named, when it exists and the caller may act on it (the role check of
	 * {@code catalog resource}); else the 400, 404 or 403 answer.
	 */
	private Object checkedTarget(RecordedRequest request, Kind kind, String id, String resource) {
		Object t = target(request, kind, id);
		if (t instanceof EndpointAnswer) {
			return t;
		}
		Target target = (Target) t;
		Requirement requirement = catalog.requirement("access-bindings", resource).orElseThrow();
		Optional<String> refusal = check.refusalOn(requirement, request.subjectId(), target.path());
		return refusal.isPresent() ? error(request, 403, GrpcStatus.PERMISSION_DENIED.code(), refusal.get()) : target;
	}

	private EndpointAnswer list(RecordedRequest request, Kind kind, String id, JsonNode body) {
		Object t = checkedTarget(request, kind, id, "list");
		if (t instanceof EndpointAnswer answer) {
			return answer;
		}
		Target target = (Target) t;
		ObjectNode answer = JsonBodies.mapper().createObjectNode();
		ArrayNode list = answer.putArray("accessBindings");
		for (AccessBinding b : store.current().bindingsOn(target.type(), target.id())) {
			ObjectNode n = list.addObject().put("roleId", b.roleId());
			n.putObject("subject").put("id", b.subjectId()).put("type", subjectType(b.subjectId()));
		}
		answer.put("nextPageToken", "");
		return EndpointAnswer.ok(StubResponse.json(200, answer.toString()));
	}

	private String subjectType(String id) {
		return accounts.apply(id).map(AccessBindingEndpoints::subjectType).orElse("serviceAccount");
	}

	/** The {@code Subject.type} of a registered account. */
	private static String subjectType(Subject account) {
		return account instanceof ServiceAccount ? "serviceAccount" : "userAccount";
	}

	private EndpointAnswer set(RecordedRequest request, Kind kind, String id, JsonNode json) {
		Object t = checkedTarget(request, kind, id, "change");
		if (t instanceof EndpointAnswer answer) {
			return answer;
		}
		Target target = (Target) t;
		List<AccessBinding> bindings = new ArrayList<>();
		String problem = json == null ? "the body must be a JSON object with accessBindings" : bindings(json.get("accessBindings"), "access_bindings", target, bindings);
		if (problem != null) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), problem);
		}
		store.change(s -> s.withBindingsOn(target.type(), target.id(), bindings));
		return operation(request, "Set access bindings", "yandex.cloud.access.SetAccessBindingsMetadata", target.id());
	}

	private EndpointAnswer update(RecordedRequest request, Kind kind, String id, JsonNode json) {
		Object t = checkedTarget(request, kind, id, "change");
		if (t instanceof EndpointAnswer answer) {
			return answer;
		}
		Target target = (Target) t;
		JsonNode deltas = json == null ? null : json.get("accessBindingDeltas");
		if (deltas == null || !deltas.isArray() || deltas.isEmpty()) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "Validation failed:\n  - access_binding_deltas: Field is required");
		}
		List<AccessBinding> add = new ArrayList<>();
		List<AccessBinding> remove = new ArrayList<>();
		for (int i = 0; i < deltas.size(); i++) {
			JsonNode d = deltas.get(i);
			String action = d.path("action").asText("");
			List<AccessBinding> into = action.equals("ADD") ? add : action.equals("REMOVE") ? remove : null;
			if (into == null) {
				return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(),
						"Validation failed:\n  - access_binding_deltas[" + i + "].action: must be ADD or REMOVE");
			}
			String problem = binding(d.get("accessBinding"), "access_binding_deltas[" + i + "].access_binding", target, into);
			if (problem != null) {
				return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), problem);
			}
		}
		store.change(s -> {
			AccessState next = s;
			for (AccessBinding b : remove) {
				next = next.without(b);
			}
			for (AccessBinding b : add) {
				next = next.with(b);
			}
			return next;
		});
		return operation(request, "Update access bindings", "yandex.cloud.access.UpdateAccessBindingsMetadata", target.id());
	}

	/** Reads an array of access bindings; null when good, else the validation message. */
	private String bindings(JsonNode array, String at, Target target, List<AccessBinding> into) {
		if (array == null || array.isNull()) {
			return null; // set to none: every binding on the resource goes
		}
		if (!array.isArray()) {
			return "Validation failed:\n  - " + at + ": must be an array";
		}
		for (int i = 0; i < array.size(); i++) {
			String problem = binding(array.get(i), at + "[" + i + "]", target, into);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	/** Reads one {@code {"roleId","subject":{"id","type"}}}; null when good, else the validation message. */
	private String binding(JsonNode n, String at, Target target, List<AccessBinding> into) {
		if (n == null || !n.isObject()) {
			return "Validation failed:\n  - " + at + ": Field is required";
		}
		for (String[] field : new String[][]{ { "roleId", "role_id" }, { "subject.id", "subject.id" }, { "subject.type", "subject.type" } }) {
			JsonNode value = JsonBodies.at(n, field[0]);
			if (value != null && !value.isNull() && !value.isTextual()) { // protobuf's JSON mapping: a string field takes a string (null: unset)
				return "Validation failed:\n  - " + at + "." + field[1] + ": must be a string";
			}
		}
		String role = n.path("roleId").asText("");
		String subject = n.path("subject").path("id").asText("");
		if (role.isEmpty()) {
			return "Validation failed:\n  - " + at + ".role_id: Field is required";
		}
		if (subject.isEmpty()) {
			return "Validation failed:\n  - " + at + ".subject.id: Field is required";
		}
		// chosen: the cloud's wording for an unknown role, subject or subject type is not in the reference
		String type = n.path("subject").path("type").asText("");
		if (!type.isEmpty() && !SUBJECT_TYPES.contains(type)) {
			return "Validation failed:\n  - " + at + ".subject.type: must be one of " + String.join(", ", SUBJECT_TYPES) + ": '" + type + "'";
		}
		if (!catalog.roles().contains(role)) {
			return "Role " + role + " not found";
		}
		Optional<Subject> account = accounts.apply(subject);
		if (account.isEmpty()) {
			return "Subject " + subject + " not found";
		}
		String actual = subjectType(account.get());
		// a user account may be a Yandex account or a federated user; a missing type is taken as the subject's own
		if (!type.isEmpty() && !type.equals(actual) && !(actual.equals("userAccount") && type.equals("federatedUser"))) {
			return "Validation failed:\n  - " + at + ".subject.type: subject " + subject + " is a " + actual + ", not a " + type;
		}
		into.add(new AccessBinding(subject, role, target.type(), target.id()));
		return null;
	}

	private EndpointAnswer operation(RecordedRequest request, String description, String metadataType, String resourceId) {
		String at = DateTimeFormatter.ISO_INSTANT.format(now.get());
		ObjectNode op = JsonBodies.mapper().createObjectNode().put("id", "b1g" + request.requestId().replace("-", "").substring(0, 17)).put("description", description)
				.put("createdAt", at).put("createdBy", request.subjectId()).put("modifiedAt", at).put("done", true);
		op.putObject("metadata").put("@type", "type.googleapis.com/" + metadataType).put("resourceId", resourceId);
		op.putObject("response").put("@type", "type.googleapis.com/google.protobuf.Empty");
		return EndpointAnswer.ok(StubResponse.json(200, op.toString()));
	}

	private static EndpointAnswer error(RecordedRequest request, int status, int code, String message) {
		return EndpointAnswer.refusedInStandardStyle(request.requestId(), status, code, message);
	}
}
