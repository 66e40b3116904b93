package dev.fakeyc.server;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The least-privilege report: for each account (a service account, as a rule) that made requests, the fewest roles (and the
 * resource each must be bound on) that would have allowed every request it made, and the requests
 * that were refused for a missing role. Computed from the journal: requests the journal has dropped
 * or that a reset cleared are not in it.
 *
 * @param accounts one entry per account that made a request needing a role, ordered by id
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record AccessReport(List<Account> accounts) {
	/**
	 * Copies the list.
	 *
	 * @param accounts the entries, copied
	 */
	public AccessReport {
		accounts = List.copyOf(accounts);
	}

	/**
	 * The entry of one account.
	 *
	 * @param subjectId the account ({@code aje…})
	 * @return its entry, or an empty one (no roles needed, nothing refused) when it made no such request
	 */
	public Account account(String subjectId) {
		for (Account a : accounts) {
			if (a.subjectId().equals(subjectId)) {
				return a;
			}
		}
		return new Account(subjectId, List.of(), List.of());
	}

	/**
	 * What one account needed.
	 *
	 * @param subjectId the account
	 * @param neededRoles      the fewest bindings that allow every request it made (the narrowest service
	 *                         role for each permission, bound on the resource the request acted on:
	 *                         {@link RecordedRequest#resourceType()}, or the default cloud when it acted on none)
	 * @param refused          its requests refused for a missing role (403, reference §9.3), oldest first
	 */
	public record Account(String subjectId, List<AccessBinding> neededRoles, List<RecordedRequest> refused) {
		/**
		 * Copies the lists.
		 *
		 * @param subjectId the account
		 * @param neededRoles      the bindings, copied
		 * @param refused          the refused requests, copied
		 */
		public Account {
			neededRoles = List.copyOf(neededRoles);
			refused = List.copyOf(refused);
		}

		/**
		 * The role ids of {@link #neededRoles()}, wherever bound.
		 *
		 * @return sorted role ids, such as {@code [ai.languageModels.user]}
		 */
		public Set<String> roleIds() {
			Set<String> ids = new TreeSet<>();
			neededRoles.forEach(b -> ids.add(b.roleId()));
			return ids;
		}
	}

	/**
	 * The report as text, one account a paragraph: its needed bindings, then its refused requests.
	 *
	 * @return such as {@code account ajeXXX needs: ai.languageModels.user on resource-manager.folder b1gYYY}; {@code no account needed a role} when empty
	 */
	public String describe() {
		if (accounts.isEmpty()) {
			return "no account needed a role";
		}
		StringBuilder sb = new StringBuilder();
		for (Account a : accounts) {
			sb.append("account ").append(a.subjectId()).append(" needs:");
			a.neededRoles().forEach(b -> sb.append(System.lineSeparator()).append("  ").append(b.describe()));
			if (!a.refused().isEmpty()) {
				sb.append(System.lineSeparator()).append("  refused for a missing role:");
				a.refused().forEach(r -> sb.append(System.lineSeparator()).append("    ").append(r.describe()));
			}
			sb.append(System.lineSeparator());
		}
		return sb.toString();
	}
}
