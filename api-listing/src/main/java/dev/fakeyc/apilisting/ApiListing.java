package dev.fakeyc.apilisting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text, in the spirit of okhttp's {@code .api} files: one line per public or protected
 * type (with its supertypes) and, indented by a tab under it, one line per public or protected constructor,
 * method and field it declares, with generic signatures and {@code throws} clauses. Types and members are sorted,
 * so the listing changes only when the API does. Packages named {@code internal} (and their subpackages) are not
 * API and are left out, as are synthetic and bridge members and types nested in a non-public type.
 *
 * <p>A module checks itself in a test, with its compiled classes on the test class path:
 *
 * <pre>{@code
 * @Test
 * void publicApiIsTheReviewedListing() {
 *     ApiListing.of(Path.of("target/classes")).check(Path.of("api/fakeyc-junit.api"));
 * }
 * }</pre>
 *
 * Run with {@code -Dfakeyc.api.update=true} (the parent pom passes it to surefire), {@link #check(Path)} rewrites
 * the listing instead of comparing; the diff of that file is the API change to review.
 */
public final class ApiListing {
	/** The system property that makes {@link #check(Path)} rewrite the listing instead of comparing it. */
	public static final String UPDATE_PROPERTY = "fakeyc.api.update";

	private final List<String> lines;

	private ApiListing(List<String> lines) {
		this.lines = List.copyOf(lines);
	}

	/**
	 * Lists the public API of the classes compiled into {@code classes}, loading them (without initializing them)
	 * through this class's class loader, so they must be on the class path of the test that calls this.
	 *
	 * @param classes a directory of compiled classes, e.g. {@code target/classes}
	 * @return the listing
	 * @throws IllegalArgumentException when {@code classes} is not a directory
	 * @throws IllegalStateException when a class file there cannot be loaded (it is not on the class path)
	 * @throws UncheckedIOException when the directory cannot be read
	 */
	public static ApiListing of(Path classes) {
		if (!Files.isDirectory(classes)) {
			throw new IllegalArgumentException("No compiled classes at " + classes.toAbsolutePath() + ": compile the module first (mvn verify runs this check after compiling)");
		}
		List<Class<?>> types = new ArrayList<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
				String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceFirst("\\.class$", "");
				if (name.endsWith("module-info") || name.endsWith("package-info") || isInternal(name)) {
					continue;
				}
				Class<?> type;
				try {
					type = Class.forName(name, false, ApiListing.class.getClassLoader());
				} catch (ClassNotFoundException | LinkageError e) {
					throw new IllegalStateException("Cannot load " + name + " from " + classes + ": the listed classes must be on the test class path", e);
				}
				if (isApi(type)) {
					types.add(type);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<String> lines = new ArrayList<>();
		types.stream().sorted(Comparator.comparing(Class::getName)).forEach(type -> {
			lines.add(describe(type));
			// sorted by name, then by the whole line: overloads side by side
			Set<String> members = new TreeSet<>(Comparator.comparing(ApiListing::memberName).thenComparing(Comparator.naturalOrder()));
			for (Constructor<?> c : type.getDeclaredConstructors()) {
				if (visible(c) && !c.isSynthetic()) {
					members.add(describe(type, c));
				}
			}
			for (Method m : type.getDeclaredMethods()) {
				if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
					members.add(describe(type, m));
				}
			}
			for (Field f : type.getDeclaredFields()) {
				if (visible(f) && !f.isSynthetic()) {
					members.add(Modifier.toString(f.getModifiers()) + " " + f.getGenericType().getTypeName() + " " + f.getName());
				}
			}
			members.forEach(m -> lines.add("\t" + m));
		});
		return new ApiListing(lines);
	}

	/**
	 * The listing's lines: a type's line, then its members' lines, each indented by one tab.
	 *
	 * @return the lines, unmodifiable
	 */
	public List<String> lines() {
		return lines;
	}

	/**
	 * The listing as the text of an {@code .api} file: its lines, each ended by a line feed.
	 *
	 * @return the text
	 */
	public String text() {
		return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
	}

	/**
	 * Compares this listing with the reviewed one in {@code listing}; with the system property
	 * {@value #UPDATE_PROPERTY} set to {@code true}, writes this listing there instead.
	 *
	 * @param listing the checked-in file, e.g. {@code api/fakeyc-junit.api}
	 * @throws AssertionError when the file is missing or differs, naming each added ({@code +}) and removed
	 *         ({@code -}) line and the command that regenerates the file
	 * @throws UncheckedIOException when the file cannot be read or written
	 */
	public void check(Path listing) {
		check(listing, Boolean.getBoolean(UPDATE_PROPERTY));
	}

	/**
	 * Compares this listing with the reviewed one in {@code listing}, or, when {@code update} is true, writes this
	 * listing there instead.
	 *
	 * @param listing the checked-in file, e.g. {@code api/fakeyc-junit.api}
	 * @param update  whether to rewrite the file rather than compare with it
	 * @throws AssertionError when not updating and the file is missing or differs, naming each added ({@code +}) and
	 *         removed ({@code -}) line and the command that regenerates the file
	 * @throws UncheckedIOException when the file cannot be read or written
	 */
	public void check(Path listing, boolean update) {
		try {
			if (update) {
				Files.createDirectories(listing.toAbsolutePath().getParent());
				Files.writeString(listing, text(), StandardCharsets.UTF_8);
				return;
			}
			String regenerate = "If the change is intended, regenerate the listing with\n    mvn -B verify -D" + UPDATE_PROPERTY + "=true\n"
					+ "and commit " + listing + " with the change, where its diff shows the reviewer the API change.";
			if (!Files.isRegularFile(listing)) {
				throw new AssertionError("No API listing at " + listing.toAbsolutePath() + ". " + regenerate);
			}
			List<String> reviewed = Files.readAllLines(listing, StandardCharsets.UTF_8);
			if (!reviewed.equals(lines)) {
				throw new AssertionError("The public API differs from the reviewed listing " + listing + ":\n" + difference(reviewed, lines) + regenerate);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String difference(List<String> reviewed, List<String> actual) {
		Set<String> before = new LinkedHashSet<>(reviewed);
		Set<String> now = new LinkedHashSet<>(actual);
		StringBuilder out = new StringBuilder();
		reviewed.stream().filter(l -> !now.contains(l)).forEach(l -> out.append("  - ").append(l.strip()).append('\n'));
		actual.stream().filter(l -> !before.contains(l)).forEach(l -> out.append("  + ").append(l.strip()).append('\n'));
		if (out.length() == 0) {
			out.append("  (the same lines in another order: regenerate to sort them)\n");
		}
		return out.toString();
	}

	private static String memberName(String line) {
		int parenthesis = line.indexOf('(');
		String head = parenthesis < 0 ? line : line.substring(0, parenthesis);
		return head.substring(head.lastIndexOf(' ') + 1);
	}

	private static String defaultValue(Object value) {
		if (value.getClass().isArray()) {
			List<String> elements = new ArrayList<>();
			for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
				elements.add(defaultValue(java.lang.reflect.Array.get(value, i)));
			}
			return "{" + String.join(", ", elements) + "}";
		}
		if (value instanceof String text) {
			return '"' + text + '"';
		}
		if (value instanceof Class<?> type) {
			return type.getTypeName() + ".class";
		}
		return String.valueOf(value);
	}

	private static boolean isInternal(String className) {
		return Arrays.asList(className.split("\\.")).contains("internal");
	}

	private static boolean isApi(Class<?> type) {
		if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
			return false;
		}
		// a type outside code can name: public, or a protected member type, within enclosing types that are too
		for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
			int m = t.getModifiers();
			if (!Modifier.isPublic(m) && !(t.getDeclaringClass() != null && Modifier.isProtected(m))) {
				return false;
			}
		}
		return true;
	}

	private static boolean visible(Member member) {
		return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
	}

	private static String describe(Class<?> type) {
		StringBuilder line = new StringBuilder(type.toGenericString());
		Type superclass = type.getGenericSuperclass();
		if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
			line.append(" extends ").append(superclass.getTypeName());
		}
		Type[] interfaces = type.getGenericInterfaces();
		if (interfaces.length > 0 && !type.isAnnotation()) {
			line.append(type.isInterface() ? " extends " : " implements ")
					.append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
		}
		return line.toString();
	}

	private static String describe(Class<?> type, Executable executable) {
		// toGenericString names the member with its declaring class; the listing groups members under their type
		String text = executable.toGenericString().replace(type.getTypeName() + "." + executable.getName() + "(", executable.getName() + "(");
		if (executable instanceof Constructor<?>) {
			text = text.replace(type.getTypeName() + "(", type.getSimpleName() + "(");
		}
		if (executable instanceof Method method && method.getDefaultValue() != null) {
			Object value = method.getDefaultValue();
			text += " default " + defaultValue(value);
		}
		return text;
	}
}
