package dev.fakeyc.server.internal.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in catalog's compiled form (what a start reads instead of binding the JSON) gives the routes the JSON
 * gives, is the one the build put beside the JSON, and is ignored when it was made from other JSON.
 */
class CompiledCatalogTest {
	private static final byte[] JSON = CompiledForm.resource(CatalogLoader.BUILT_IN);

	@Test
	void theCompiledFormReadsBackIntoTheRoutesTheJsonGives() {
		List<Route> parsed = CatalogLoader.parse(new String(JSON, StandardCharsets.UTF_8));
		List<Route> compiled = CompiledCatalog.read(CompiledForm.Reader.open(compile(), JSON));

		assertThat(compiled).hasSameSizeAs(parsed);
		for (int i = 0; i < parsed.size(); i++) {
			Route want = parsed.get(i);
			Route got = compiled.get(i);
			assertThat(got.service()).as("service of %s", want).isEqualTo(want.service());
			assertThat(got.resource()).as("resource of %s", want).isEqualTo(want.resource());
			assertThat(got.method()).as("method of %s", want).isEqualTo(want.method());
			assertThat(got.path().toString()).as("path of %s", want).isEqualTo(want.path().toString());
			assertThat(got.path().specificity()).as("specificity of %s", want).isEqualTo(want.path().specificity());
			assertThat(got.response().status()).as("status of %s", want).isEqualTo(want.response().status());
			assertThat(got.response().headers()).as("headers of %s", want).isEqualTo(want.response().headers());
			assertThat(got.response().body()).as("body of %s", want).isEqualTo(want.response().body());
			assertThat(got.response().readsBody()).as("readsBody of %s", want).isEqualTo(want.response().readsBody());
			assertThat(got.errorStyle()).as("error style of %s", want).isEqualTo(want.errorStyle());
			assertThat(got.stream()).as("stream of %s", want).isEqualTo(want.stream());
			assertThat(got.refusals()).as("refusals of %s", want).isEqualTo(want.refusals());
		}
		// one object per service and per resource, shared by its routes, as the JSON reader builds them (the index relies on it)
		assertThat(distinct(compiled, true)).isEqualTo(distinct(parsed, true));
		assertThat(distinct(compiled, false)).isEqualTo(distinct(parsed, false));
		assertThat(parsed).anySatisfy(r -> assertThat(r.stream()).isNotNull());
		assertThat(parsed).anySatisfy(r -> assertThat(r.refusals()).isNotEmpty());
	}

	@Test
	void theBuildPutTheCurrentFormBesideTheJsonByteForByte() {
		byte[] shipped = CompiledForm.resource(CatalogLoader.BUILT_IN_COMPILED);

		assertThat(shipped).as("the build step (exec-maven-plugin, process-classes) wrote catalog.compiled").isNotNull();
		// made in the build's JVM, remade here: the same bytes (the form writes sets and maps sorted)
		assertThat(shipped).isEqualTo(compile());
		assertThat(CompiledForm.Reader.open(shipped, JSON)).isNotNull();
	}

	@Test
	void aFormMadeFromOtherJsonIsIgnored() {
		byte[] edited = (new String(JSON, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);

		assertThat(CompiledForm.Reader.open(compile(), edited)).isNull();
		assertThat(CompiledForm.Reader.open(null, JSON)).isNull();
		assertThat(CompiledForm.Reader.open("not a form".getBytes(StandardCharsets.UTF_8), JSON)).isNull();
	}

	private static byte[] compile() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CatalogLoader.compileBuiltIn(out);
		return out.toByteArray();
	}

	private static int distinct(List<Route> routes, boolean services) {
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		routes.forEach(r -> seen.add(services ? r.service() : r.resource()));
		return seen.size();
	}
}
