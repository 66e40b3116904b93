package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.internal.catalog.CompiledForm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in role catalog's compiled form gives what binding {@code roles.json} gives, is the one the build put
 * beside the JSON, and is ignored when it was made from other JSON.
 */
class CompiledRolesTest {
	@Test
	void theCompiledFormReadsBackIntoTheRequirementsTheJsonGives() {
		byte[] json = RoleCatalog.builtInJson();
		RoleCatalog parsed = RoleCatalog.parse(json);
		RoleCatalog compiled = RoleCatalog.read(compile(), json);

		assertThat(compiled.requirements()).isNotEmpty().isEqualTo(parsed.requirements());
		assertThat(compiled.otherRoles()).isNotEmpty().isEqualTo(parsed.otherRoles());
		assertThat(compiled.roles()).isEqualTo(parsed.roles());
		assertThat(compiled.requirement("serverless-workflows", "execution")).isEqualTo(parsed.requirement("serverless-workflows", "execution"));
	}

	@Test
	void theBuildPutTheCurrentFormBesideTheJson() {
		byte[] shipped = CompiledForm.resource(RoleCatalog.BUILT_IN_COMPILED);

		assertThat(shipped).as("the build step (exec-maven-plugin, process-classes) wrote roles.compiled").isEqualTo(compile());
	}

	@Test
	void aFormMadeFromOtherJsonIsIgnoredForTheJson() {
		byte[] json = RoleCatalog.builtInJson();
		byte[] edited = new String(json, StandardCharsets.UTF_8).replace("\"serverless.workflows.executor\", ", "")
				.getBytes(StandardCharsets.UTF_8);

		RoleCatalog read = RoleCatalog.read(compile(), edited);

		assertThat(read.requirement("serverless-workflows", "execution").orElseThrow().roles()).doesNotContain("serverless.workflows.executor");
	}

	private static byte[] compile() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		RoleCatalog.compileBuiltIn(out);
		return out.toByteArray();
	}
}
