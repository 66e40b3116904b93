package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.internal.answer.JsonBodies;
import dev.fakeyc.server.internal.catalog.CompiledForm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
	/** service id → resource id → requirement: looked up per request without building a key. */
	private final Map<String, Map<String, Requirement>> byResource = new HashMap<>();
	private final Set<String> roles = new TreeSet<>(Set.of("viewer", "editor", "admin"));

	/** As read, for the compiled form. */
	private final List<Requirement> requirements;
	private final List<String> otherRoles;

	private RoleCatalog(List<Requirement> requirements, List<String> otherRoles) {
		this.requirements = List.copyOf(requirements);
		this.otherRoles = List.copyOf(otherRoles);
		for (Requirement r : requirements) {
			Map<String, Requirement> resources = byResource.get(r.service());
			if (resources == null) { // not computeIfAbsent's lambda: built on the way to a cold start's first answer
				resources = new HashMap<>();
				byResource.put(r.service(), resources);
			}
			resources.put(r.resource(), r);
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

	static final String BUILT_IN = "/dev/fakeyc/server/roles.json";
	static final String BUILT_IN_COMPILED = "/dev/fakeyc/server/roles.compiled";

	/** The compiled form when it was made from this jar's JSON (always, in a built jar); else the JSON, bound and checked. */
	private static RoleCatalog load() {
		return read(CompiledForm.resource(BUILT_IN_COMPILED), builtInJson());
	}

	/** A compiled form made from {@code json}, read; else (none, stale, of another version) the JSON, bound and checked. */
	static RoleCatalog read(byte[] compiled, byte[] json) {
		CompiledForm.Reader in = CompiledForm.Reader.open(compiled, json);
		if (in == null) {
			return parse(json);
		}
		List<Requirement> requirements = new ArrayList<>();
		for (int i = in.number(); i > 0; i--) {
			requirements.add(new Requirement(in.text(), in.text(), in.text(), in.texts(), in.text(), Requirement.Denial.valueOf(in.text()), in.text(),
					in.flag()));
		}
		return new RoleCatalog(requirements, in.texts());
	}

	static byte[] builtInJson() {
		return CompiledForm.builtIn(BUILT_IN, "role catalog");
	}

	static RoleCatalog parse(byte[] json) {
		try {
			Document doc = JsonBodies.mapper().readValue(json, Document.class); // unknown fields fail: the mapper's default
			return new RoleCatalog(doc.requirements().stream()
					.map(r -> new Requirement(r.service(), r.resource(), r.permission(), r.roles(), r.primitive(),
							Requirement.Denial.valueOf(r.denial().toUpperCase(Locale.ROOT)), r.source(), "path".equals(r.on())))
					.toList(), doc.otherRoles() == null ? List.of() : doc.otherRoles().stream().map(OtherRole::id).toList());
		} catch (IOException e) {
			throw new UncheckedIOException("the built-in role catalog is malformed", e);
		}
	}

	/**
	 * The build step: binds and checks the built-in role catalog's JSON and writes its {@link CompiledForm}: each
	 * requirement's fields, then the roles that grant nothing the fake serves.
	 *
	 * @param out where the form goes ({@code roles.compiled} beside {@code roles.json} in the build's classes)
	 * @throws IllegalArgumentException or {@link UncheckedIOException} if the JSON is not valid (the build fails)
	 */
	public static void compileBuiltIn(OutputStream out) {
		byte[] json = builtInJson();
		RoleCatalog catalog = parse(json);
		CompiledForm.Writer form = new CompiledForm.Writer(out, json);
		form.number(catalog.requirements.size());
		for (Requirement r : catalog.requirements) {
			form.text(r.service()).text(r.resource()).text(r.permission()).texts(r.roles()).text(r.primitive()).text(r.denial().name()).text(r.source())
					.flag(r.onPath());
		}
		form.texts(catalog.otherRoles).flush();
	}

	/** What a resource needs, if anything. */
	public Optional<Requirement> requirement(String service, String resource) {
		Map<String, Requirement> resources = byResource.get(service);
		return resources == null ? Optional.empty() : Optional.ofNullable(resources.get(resource));
	}

	/** The requirements in the file's order. */
	List<Requirement> requirements() {
		return requirements;
	}

	/** The roles that grant nothing the fake serves, in the file's order. */
	List<String> otherRoles() {
		return otherRoles;
	}

	/** Every role the catalog names, primitive ones included, sorted. */
	public Set<String> roles() {
		return java.util.Collections.unmodifiableSet(roles);
	}
}
