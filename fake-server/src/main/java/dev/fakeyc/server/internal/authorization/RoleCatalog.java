package dev.fakeyc.server.internal.authorization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apiguardian.api.API;

/**
 * Which permission each catalog resource needs and which roles grant it: the built-in
 * {@code roles.json}, one row per resource (the resource-level default for its routes), each with the
 * service's "Access management" page as its source. A resource without a row needs no role (IAM,
 * endpoint discovery, the metadata service, the generic IAM-token-only rule).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class RoleCatalog {
	private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	/** service id → resource id → requirement: looked up per request without building a key. */
	private final Map<String, Map<String, Requirement>> byResource = new HashMap<>();
	private final Set<String> roles = new TreeSet<>(Set.of("viewer", "editor", "admin"));

	private RoleCatalog(List<Requirement> requirements, List<String> otherRoles) {
		for (Requirement r : requirements) {
			byResource.computeIfAbsent(r.service(), k -> new HashMap<>()).put(r.resource(), r);
			roles.addAll(r.roles());
		}
		roles.addAll(otherRoles);
	}

	/** The file: a row per resource, and real roles that grant nothing the fake serves (bindable, allowing no route). */
	private record Document(List<Row> requirements, List<OtherRole> otherRoles) {
	}

	private record OtherRole(String id, String source) {
	}

	private record Row(String service, String resource, String permission, List<String> roles, String primitive, String denial, String source,
			String on) {
	}

	/** Read once per JVM: the catalog is immutable. */
	private static final class BuiltIn {
		static final RoleCatalog INSTANCE = load();
	}

	/** The built-in catalog. @throws IllegalStateException if the resource is missing or malformed (a build defect) */
	public static RoleCatalog builtIn() {
		return BuiltIn.INSTANCE;
	}

	private static RoleCatalog load() {
		try (InputStream in = RoleCatalog.class.getResourceAsStream("/dev/fakeyc/server/roles.json")) {
			if (in == null) {
				throw new IllegalStateException("the built-in role catalog /dev/fakeyc/server/roles.json is missing from the jar");
			}
			Document doc = JSON.readValue(in, Document.class);
			return new RoleCatalog(doc.requirements().stream()
					.map(r -> new Requirement(r.service(), r.resource(), r.permission(), r.roles(), r.primitive(),
							Requirement.Denial.valueOf(r.denial().toUpperCase(Locale.ROOT)), r.source(), "path".equals(r.on())))
					.toList(), doc.otherRoles() == null ? List.of() : doc.otherRoles().stream().map(OtherRole::id).toList());
		} catch (IOException e) {
			throw new UncheckedIOException("the built-in role catalog is malformed", e);
		}
	}

	/** What a resource needs, if anything. */
	public Optional<Requirement> requirement(String service, String resource) {
		Map<String, Requirement> resources = byResource.get(service);
		return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(resource));
	}

	/** Every role the catalog names, primitive ones included, sorted. */
	public Set<String> roles() {
		return java.util.Collections.unmodifiableSet(roles);
	}
}
