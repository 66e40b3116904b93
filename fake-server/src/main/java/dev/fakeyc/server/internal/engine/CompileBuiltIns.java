package dev.fakeyc.server.internal.engine;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.authorization.RoleCatalog;
import dev.fakeyc.server.internal.catalog.CatalogLoader;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The build step that compiles the built-in catalog and role catalog (the JSON resources) into their compiled forms,
 * {@code catalog.compiled} and {@code roles.compiled} beside them: the build runs it in fake-server's
 * {@code process-classes} phase, so every jar and every test run carries forms made from its own JSON. Each JSON is
 * read and checked by its one document model here, once; a start then reads the compiled form without Jackson's
 * databind (see {@code CompiledForm}).
 *
 * <p>Not API: public only because the build launches it.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class CompileBuiltIns {
	private CompileBuiltIns() {
	}

	/**
	 * Writes both compiled forms.
	 *
	 * @param args one argument: the build's classes directory, which holds {@code dev/fakeyc/server/catalog.json}
	 * @throws IllegalArgumentException without that argument
	 * @throws UncheckedIOException     if a form cannot be written
	 */
	public static void main(String[] args) {
		if (args.length != 1) {
			throw new IllegalArgumentException("usage: CompileBuiltIns CLASSES_DIRECTORY");
		}
		Path dir = Path.of(args[0], "dev", "fakeyc", "server");
		write(dir.resolve("catalog.compiled"), CatalogLoader::compileBuiltIn);
		write(dir.resolve("roles.compiled"), RoleCatalog::compileBuiltIn);
	}

	private static void write(Path file, Consumer<OutputStream> compiler) {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			compiler.accept(out);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write " + file, e);
		}
	}
}
