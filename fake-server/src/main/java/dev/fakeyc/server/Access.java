package dev.fakeyc.server;

import dev.fakeyc.server.internal.authorization.AccessState;
import dev.fakeyc.server.internal.authorization.AccessStore;
import dev.fakeyc.server.internal.engine.Engine;
import org.apiguardian.api.API;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Authorization after authentication (the behaviour of Yandex Cloud IAM: https://yandex.cloud/en/docs/iam/concepts/access-control/): the resource hierarchy, the access
 * bindings and the {@link AccessMode} of one fake. Reach it with {@link FakeYandexCloud#access()}.
 *
 * <pre>{@code
 * ServiceAccount sa = cloud.createServiceAccount();
 * cloud.access().mode(AccessMode.STRICT);
 * cloud.access().grant(AccessBinding.onFolder(sa, "ai.languageModels.user", sa.folderId()));
 * }</pre>
 *
 * <p>Every route whose catalog resource needs a permission (Foundation Models, SpeechKit, Translate,
 * Vision, Search API, Monitoring, Functions, Containers, Workflows; the README's role table) is
 * refused with 403 / {@code PERMISSION_DENIED} when the account lacks a role granting it on the
 * request's folder, its cloud or its organization. Each change is atomic: a request sees the state
 * before it or after it.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Access {
	private final Engine engine;

	Access(Engine engine) {
		this.engine = engine;
	}

	private AccessStore store() {
		return engine.access();
	}

	/**
	 * The fake's organization, which holds every cloud.
	 *
	 * @return its id, {@code bpf…}
	 */
	public String organizationId() {
		return store().current().hierarchy().organizationId();
	}

	/**
	 * The cloud every folder belongs to unless placed in another with {@link #createFolder(String)}.
	 *
	 * @return its id, {@code b1g…}
	 */
	public String defaultCloudId() {
		return store().current().hierarchy().defaultCloudId();
	}

	/**
	 * The cloud a folder belongs to.
	 *
	 * @param folderId any folder id
	 * @return the cloud it was placed in, else the default cloud
	 */
	public String cloudOf(String folderId) {
		return store().current().hierarchy().cloudOf(Objects.requireNonNull(folderId, "folderId must not be null"));
	}

	/**
	 * Creates a cloud in the fake's organization.
	 *
	 * @return its new id, {@code b1g…}
	 */
	public String createCloud() {
		String id = engine.newId("b1g");
		store().change(s -> s.with(s.hierarchy().withCloud(id, s.hierarchy().organizationId())));
		return id;
	}

	/**
	 * Creates a folder in a cloud; create a service account in it with
	 * {@link FakeYandexCloud#createServiceAccount(String)}.
	 *
	 * @param cloudId the default cloud or one from {@link #createCloud()}
	 * @return the new folder's id, {@code b1g…}
	 * @throws IllegalArgumentException if the cloud is unknown
	 */
	public String createFolder(String cloudId) {
		String id = engine.newId("b1g");
		store().change(s -> s.with(s.hierarchy().withFolder(id, cloudId)));
		return id;
	}

	/**
	 * Grants a role: adds an access binding (the same one again changes nothing).
	 *
	 * @param binding the subject, role and resource
	 * @return the binding
	 * @throws IllegalArgumentException if the subject is not a registered account, or the role is not in the role catalog
	 */
	public AccessBinding grant(AccessBinding binding) {
		Objects.requireNonNull(binding, "binding must not be null");
		check(binding);
		store().change(s -> s.with(binding));
		return binding;
	}

	/**
	 * Grants roles to a service account on its own folder.
	 *
	 * @param account the service account
	 * @param roleIds roles from the role catalog, such as {@code ai.languageModels.user}
	 * @return the bindings made
	 * @throws IllegalArgumentException if the account is not registered or a role unknown; then nothing is granted
	 */
	public List<AccessBinding> grantInFolder(ServiceAccount account, String... roleIds) {
		Objects.requireNonNull(account, "account must not be null");
		List<AccessBinding> made = java.util.Arrays.stream(roleIds).map(r -> AccessBinding.onFolder(account, r, account.folderId())).toList();
		made.forEach(this::check);
		store().change(s -> {
			AccessState next = s;
			for (AccessBinding b : made) {
				next = next.with(b);
			}
			return next;
		});
		return made;
	}

	/**
	 * Revokes a role: removes an access binding.
	 *
	 * @param binding the binding as granted
	 * @return whether it was granted
	 */
	public boolean revoke(AccessBinding binding) {
		Objects.requireNonNull(binding, "binding must not be null");
		boolean[] had = new boolean[1];
		store().change(s -> {
			had[0] = s.bindings().contains(binding);
			return s.without(binding);
		});
		return had[0];
	}

	/**
	 * Every explicit access binding.
	 *
	 * @return the bindings in the order granted
	 */
	public List<AccessBinding> bindings() {
		return store().current().bindings();
	}

	/**
	 * Which bindings count; default {@link AccessMode#DEFAULT} unless the builder chose another.
	 *
	 * @return the mode in force
	 */
	public AccessMode mode() {
		return store().current().mode();
	}

	/**
	 * Switches which bindings count, at once for the next request.
	 *
	 * @param mode the mode
	 */
	public void mode(AccessMode mode) {
		Objects.requireNonNull(mode, "mode must not be null");
		store().change(s -> s.with(mode));
	}

	/**
	 * Whether a user account has accepted the End User License Agreement and Privacy Policy; one that
	 * has not gets 401 {@code User has to accept the End User License Agreement and Privacy Policy to get an IAM token}
	 * from the OAuth exchange ({@code POST /iam/v1/tokens}; reference §9.2). Accounts accept by default.
	 *
	 * @param user     the user account
	 * @param accepted false to make its exchange refused
	 */
	public void setTermsAccepted(UserAccount user, boolean accepted) {
		Objects.requireNonNull(user, "user must not be null");
		store().change(s -> s.withTermsPending(user.id(), !accepted));
	}

	/**
	 * Disables (or enables) a service account: its requests are refused with 403 {@code Permission denied}
	 * on every route, while its tokens and keys stay valid. The cloud's own message for this is not
	 * documented; the fake uses the generic one (reference §0 step 7).
	 *
	 * @param account  the service account
	 * @param disabled true to disable it
	 */
	public void setDisabled(ServiceAccount account, boolean disabled) {
		Objects.requireNonNull(account, "account must not be null");
		store().change(s -> s.withDisabled(account.id(), disabled));
	}

	/**
	 * Makes a model's access granted on request (reference §9.3): a request naming it from a folder without
	 * a grant ({@link #grantModelAccess}) gets 403 {@code Access to model <model> denied}, whatever the roles.
	 *
	 * @param model the model URI without its folder, as the message names it: {@code art://yandex-art/latest}
	 * @throws IllegalArgumentException for a model without {@code scheme://}
	 */
	public void requireModelAccessGrant(String model) {
		String m = requireModel(model);
		store().change(s -> s.withModelOnRequest(m));
	}

	/**
	 * Grants a folder access to a model whose access is granted on request.
	 *
	 * @param folderId the folder ({@code b1g…})
	 * @param model    the model URI without its folder: {@code art://yandex-art/latest}
	 * @throws IllegalArgumentException for a model without {@code scheme://}
	 */
	public void grantModelAccess(String folderId, String model) {
		Objects.requireNonNull(folderId, "folderId must not be null");
		String m = requireModel(model);
		store().change(s -> s.withModelGranted(folderId, m));
	}

	private static String requireModel(String model) {
		Objects.requireNonNull(model, "model must not be null");
		if (!model.contains("://")) {
			throw new IllegalArgumentException("model must be a URI without its folder, such as art://yandex-art/latest: '" + model + "'");
		}
		return model;
	}

	/**
	 * The roles the role catalog knows: the primitive {@code viewer}, {@code editor}, {@code admin} and
	 * each service's roles.
	 *
	 * @return sorted role ids
	 */
	public Set<String> knownRoles() {
		return engine.roles().roles();
	}

	/**
	 * The least-privilege report over some recorded requests (such as one test's): per account, the
	 * fewest roles, and where bound, that would have allowed every request it made, and its requests
	 * refused for a missing role. {@link FakeYandexCloud#accessReport()} is this over the whole journal.
	 *
	 * @param requests recorded requests of this fake, oldest first
	 * @return the report
	 */
	public AccessReport report(List<RecordedRequest> requests) {
		return engine.accessReport(Objects.requireNonNull(requests, "requests must not be null"));
	}

	private void check(AccessBinding binding) {
		if (engine.account(binding.subjectId()).isEmpty()) {
			throw new IllegalArgumentException("access binding names subject '" + binding.subjectId()
					+ "', which is not registered; create the service account or user account first");
		}
		requireKnownRoles(List.of(binding.roleId()), knownRoles());
	}

	static void requireKnownRoles(Collection<String> roleIds, Set<String> known) {
		for (String role : roleIds) {
			if (!known.contains(role)) {
				throw new IllegalArgumentException("role '" + role + "' is unknown; known roles: " + known);
			}
		}
	}

	@Override
	public String toString() {
		AccessState s = store().current();
		return "Access[" + s.mode() + ", organization " + s.hierarchy().organizationId() + ", " + s.bindings().size() + " bindings]";
	}
}
