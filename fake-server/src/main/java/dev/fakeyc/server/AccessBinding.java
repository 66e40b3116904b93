package dev.fakeyc.server;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * An access binding: a role granted to a subject on a resource of the hierarchy, inherited by what
 * lies below it (organization → cloud → folder). The shape of the cloud's {@code AccessBinding}
 * ({@code roleId}, {@code subject.id}) and {@code Resource} ({@code type}, {@code id}); source:
 * yandex-cloud/cloudapi {@code yandex/cloud/access/access.proto}.
 *
 * @param subjectId    the account the role is granted to ({@code aje…})
 * @param roleId       the role, such as {@code ai.languageModels.user} or {@code editor}
 * @param resourceType {@link #FOLDER}, {@link #CLOUD}, {@link #ORGANIZATION} or {@link #SERVICE_ACCOUNT}
 * @param resourceId   the folder, cloud ({@code b1g…}), organization ({@code bpf…}) or service account ({@code aje…}) id
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record AccessBinding(String subjectId, String roleId, String resourceType, String resourceId) {
	/** The resource type of a folder, as the cloud names it. */
	public static final String FOLDER = "resource-manager.folder";
	/** The resource type of a cloud, as the cloud names it. */
	public static final String CLOUD = "resource-manager.cloud";
	/** The resource type of an organization, as the cloud names it. */
	public static final String ORGANIZATION = "organization-manager.organization";
	/**
	 * The resource type of a service account as a resource (roles such as {@code iam.serviceAccounts.user} on
	 * it); such bindings are kept and listed, and inherit from the account's folder, but grant nothing below.
	 */
	public static final String SERVICE_ACCOUNT = "iam.serviceAccount";

	/**
	 * Checks the fields.
	 *
	 * @param subjectId    the account
	 * @param roleId       the role
	 * @param resourceType {@link #FOLDER}, {@link #CLOUD}, {@link #ORGANIZATION} or {@link #SERVICE_ACCOUNT}
	 * @param resourceId   the resource's id
	 * @throws IllegalArgumentException for a blank id or role, or a resource type other than the three above
	 */
	public AccessBinding {
		Ids.requireId(subjectId, "access binding subject id");
		Ids.requireId(roleId, "access binding role id");
		Ids.requireId(resourceId, "access binding resource id");
		if (!FOLDER.equals(resourceType) && !CLOUD.equals(resourceType) && !ORGANIZATION.equals(resourceType) && !SERVICE_ACCOUNT.equals(resourceType)) {
			throw new IllegalArgumentException("access binding resource type must be '" + FOLDER + "', '" + CLOUD + "', '" + ORGANIZATION + "' or '"
					+ SERVICE_ACCOUNT + "': '" + resourceType + "'");
		}
	}

	/**
	 * A role on a folder.
	 *
	 * @param subject  the account
	 * @param roleId   the role
	 * @param folderId the folder ({@code b1g…})
	 * @return the binding
	 * @throws NullPointerException for a null subject
	 */
	public static AccessBinding onFolder(Subject subject, String roleId, String folderId) {
		return new AccessBinding(Objects.requireNonNull(subject, "subject").id(), roleId, FOLDER, folderId);
	}

	/**
	 * A role on a cloud, inherited by each of its folders.
	 *
	 * @param subject the account
	 * @param roleId  the role
	 * @param cloudId the cloud ({@code b1g…})
	 * @return the binding
	 * @throws NullPointerException for a null subject
	 */
	public static AccessBinding onCloud(Subject subject, String roleId, String cloudId) {
		return new AccessBinding(Objects.requireNonNull(subject, "subject").id(), roleId, CLOUD, cloudId);
	}

	/**
	 * A role on an organization, inherited by each of its clouds and their folders.
	 *
	 * @param subject        the account
	 * @param roleId         the role
	 * @param organizationId the organization ({@code bpf…})
	 * @return the binding
	 * @throws NullPointerException for a null subject
	 */
	public static AccessBinding onOrganization(Subject subject, String roleId, String organizationId) {
		return new AccessBinding(Objects.requireNonNull(subject, "subject").id(), roleId, ORGANIZATION, organizationId);
	}

	/**
	 * The binding as a sentence for messages.
	 *
	 * @return such as {@code ai.languageModels.user on resource-manager.folder b1g…}
	 */
	public String describe() {
		return roleId + " on " + resourceType + " " + resourceId;
	}
}
