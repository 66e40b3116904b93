package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.RecordedRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * The least-privilege report (issue 16) from recorded requests: per account, the fewest
 * bindings that would have allowed every request it made that needs a role (accepted ones, and ones
 * refused for a missing role), and the ones refused for a missing role. The fewest: permissions are
 * taken the most specific first (fewest granting roles), and a permission already granted by a role
 * chosen for the same resource adds nothing; otherwise the narrowest service role is chosen, bound on
 * the resource the request acted on ({@link RecordedRequest#resourceType()}: its folder, or the folder, cloud,
 * organization or service account an access-binding call names), or the default cloud when it acted on none.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class LeastPrivilege {
	private LeastPrivilege() {
	}

	/**
	 * Whether a recorded refusal is for a missing role: the role check's reason, or the hierarchy list form
	 * (which only the role check sends; the access-binding API journals it as its reason). A per-model
	 * refusal of a model granted on request is not: no role would have allowed it.
	 */
	public static boolean refusedForRole(RecordedRequest r) {
		return r.status() == 403 && (r.reason().startsWith(RoleCheck.MISSING_ROLE)
				|| r.message().startsWith(RoleCheck.LIST_PREFIX) && r.message().endsWith(RoleCheck.LIST_SUFFIX));
	}

	/**
	 * The report.
	 *
	 * @param requests         the recorded requests, oldest first
	 * @param catalog          what each resource needs
	 * @param defaultCloudId   where a request that acted on no resource of the hierarchy needs its role
	 * @return one entry per account with such requests (accounts deleted since included), ordered by id
	 */
	public static AccessReport report(List<RecordedRequest> requests, RoleCatalog catalog, String defaultCloudId) {
		Map<String, Map<Need, Boolean>> needs = new TreeMap<>();
		Map<String, List<RecordedRequest>> refused = new TreeMap<>();
		for (RecordedRequest r : requests) {
			if (r.subjectId().isEmpty()) {
				continue;
			}
			Optional<Requirement> requirement = catalog.requirement(r.service(), r.resource());
			boolean roleRefusal = refusedForRole(r);
			if (requirement.isEmpty() || !r.accepted() && !roleRefusal) {
				continue;
			}
			Need need = r.resourceType().isEmpty() ? new Need(requirement.get(), AccessBinding.CLOUD, defaultCloudId)
					: new Need(requirement.get(), r.resourceType(), r.resourceId());
			needs.computeIfAbsent(r.subjectId(), k -> new LinkedHashMap<>()).put(need, Boolean.TRUE);
			if (roleRefusal) {
				refused.computeIfAbsent(r.subjectId(), k -> new ArrayList<>()).add(r);
			}
		}
		List<AccessReport.Account> accounts = new ArrayList<>();
		for (Map.Entry<String, Map<Need, Boolean>> e : needs.entrySet()) {
			accounts.add(new AccessReport.Account(e.getKey(), fewest(e.getKey(), e.getValue().keySet()),
					refused.getOrDefault(e.getKey(), List.of())));
		}
		return new AccessReport(accounts);
	}

	/** A permission needed on a resource: the binding that grants it goes there. */
	private record Need(Requirement requirement, String resourceType, String resourceId) {
	}

	private static List<AccessBinding> fewest(String subjectId, Set<Need> needs) {
		List<Need> ordered = new ArrayList<>(needs);
		ordered.sort(Comparator.comparingInt((Need n) -> n.requirement().roles().size()).thenComparing(n -> n.requirement().permission()));
		Set<AccessBinding> chosen = new LinkedHashSet<>();
		for (Need need : ordered) {
			boolean covered = chosen.stream().anyMatch(b -> b.resourceType().equals(need.resourceType()) && b.resourceId().equals(need.resourceId())
					&& need.requirement().grantedBy(b.roleId()));
			if (!covered) {
				chosen.add(new AccessBinding(subjectId, need.requirement().roles().get(0), need.resourceType(), need.resourceId()));
			}
		}
		List<AccessBinding> sorted = new ArrayList<>(chosen);
		sorted.sort(Comparator.comparing(AccessBinding::roleId).thenComparing(AccessBinding::resourceType).thenComparing(AccessBinding::resourceId));
		return sorted;
	}
}
