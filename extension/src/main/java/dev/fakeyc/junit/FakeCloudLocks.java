package dev.fakeyc.junit;

import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.ServiceAccount;
import org.apiguardian.api.API;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells JUnit which tests share a fake server and which change what every test on it sees, so that
 * with parallel execution the engine runs the latter alone on their server. It is JUnit's own
 * {@link ResourceLocksProvider} (JUnit 5.12 and later): each test method takes the lock of its server
 * (the resource {@code dev.fakeyc.server:class:<outermost test class>}, or {@code dev.fakeyc.server:shared}
 * for the run's shared servers) in {@link ResourceAccessMode#READ READ} mode, so they run
 * concurrently, or in {@link ResourceAccessMode#READ_WRITE READ_WRITE} mode, so it runs with no other
 * test on that server, when it
 * <ul>
 * <li>carries {@link ExclusiveServer} (on the method, its class or an enclosing class);</li>
 * <li>takes server-wide state as a parameter — {@link FakeYandexCloud} (stubs, {@code reset()},
 * catalog, every account), {@link FakeClock}, or a {@link ServiceAccount} {@link AttachedToMetadata} —
 * in the test method, the constructor, or a {@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll}
 * or {@code @AfterAll} method of its class or an enclosing class (what a lifecycle method stored in a
 * field, every test of the class may use).</li>
 * </ul>
 * A {@code @Nested} class, or a class on a shared server, whose {@code @BeforeAll}/{@code @AfterAll}
 * or per-class constructor takes such a parameter also locks the server for the whole class.
 *
 * <p>{@link WithFakeYandexCloud} declares this provider for you. With the programmatic form, put it on
 * the class yourself:
 *
 * <pre>{@code
 * @ResourceLock(providers = FakeCloudLocks.class)
 * class MonitoringTest {
 *     @RegisterExtension
 *     static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();
 *     …
 * }
 * }</pre>
 *
 * Without it, when tests run in parallel, the extension refuses a test that needs the server to itself,
 * and a shared server, saying to add this line. Code that reaches server-wide state another way (a
 * static field holding {@code cloud.server()}) should mark its tests {@link ExclusiveServer}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FakeCloudLocks implements ResourceLocksProvider {
	/** The prefix of every resource name this provider hands out. */
	public static final String RESOURCE_PREFIX = "dev.fakeyc.server:";

	/** Called by JUnit; holds no state. */
	public FakeCloudLocks() {
	}

	/**
	 * Locks a top-level class only when it runs on a shared server and its class-level set-up takes
	 * server-wide state; otherwise its tests take their locks one by one.
	 *
	 * @return at most one lock, READ_WRITE
	 */
	@Override
	public Set<Lock> provideForClass(Class<?> testClass) {
		return classLock(List.of(), testClass);
	}

	/**
	 * Locks a {@code @Nested} class whose class-level set-up takes server-wide state: it runs while
	 * tests of its enclosing class may be running on the same server.
	 *
	 * @return at most one lock, READ_WRITE
	 */
	@Override
	public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
		return classLock(enclosingInstanceTypes, testClass);
	}

	/**
	 * The lock of the method's server, READ or READ_WRITE (see the class description).
	 *
	 * @return one lock, or none when the test has a server of its own (an instance-field registration)
	 */
	@Override
	public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
		return serverLockName(enclosingInstanceTypes, testClass)
				.map(name -> Set.of(new Lock(name, needsServerToItself(enclosingInstanceTypes, testClass, testMethod)
						? ResourceAccessMode.READ_WRITE : ResourceAccessMode.READ)))
				.orElse(Set.of());
	}

	private static Set<Lock> classLock(List<Class<?>> enclosing, Class<?> testClass) {
		boolean nestedOrShared = !enclosing.isEmpty() || sharedServer(chain(enclosing, testClass));
		if (nestedOrShared && classSetUpTakesServerState(testClass)) {
			return serverLockName(enclosing, testClass).map(name -> Set.of(new Lock(name, ResourceAccessMode.READ_WRITE))).orElse(Set.of());
		}
		return Set.of();
	}

	/**
	 * The resource name of the server the tests of {@code testClass} use, or empty when each test gets
	 * its own (or no fake is registered). Coarse on purpose: locking more than needed only serializes.
	 */
	static Optional<String> serverLockName(List<Class<?>> enclosing, Class<?> testClass) {
		List<Class<?>> chain = chain(enclosing, testClass);
		Optional<Class<?>> owner = chain.stream().filter(FakeCloudLocks::startsClassServer).findFirst();
		if (owner.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(sharedServer(chain) ? RESOURCE_PREFIX + "shared" : RESOURCE_PREFIX + "class:" + chain.get(0).getName());
	}

	/** Whether the test needs its server to itself (see the class description). */
	static boolean needsServerToItself(List<Class<?>> enclosing, Class<?> testClass, Method testMethod) {
		if (AnnotationSupport.isAnnotated(testMethod, ExclusiveServer.class)) {
			return true;
		}
		if (takesServerState(testMethod)) {
			return true;
		}
		for (Class<?> c : chain(enclosing, testClass)) {
			if (AnnotationSupport.isAnnotated(c, ExclusiveServer.class) || classSetUpTakesServerState(c) || eachSetUpTakesServerState(c)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the class declares this provider, directly or through {@link WithFakeYandexCloud}. */
	static boolean declaredOn(List<Class<?>> enclosing, Class<?> testClass) {
		return chain(enclosing, testClass).stream()
				.flatMap(c -> AnnotationSupport.findRepeatableAnnotations(c, ResourceLock.class).stream())
				.anyMatch(lock -> Arrays.asList(lock.providers()).contains(FakeCloudLocks.class));
	}

	private static List<Class<?>> chain(List<Class<?>> enclosing, Class<?> testClass) {
		List<Class<?>> chain = new ArrayList<>(enclosing);
		chain.add(testClass);
		return chain;
	}

	private static boolean startsClassServer(Class<?> c) {
		return AnnotationSupport.isAnnotated(c, WithFakeYandexCloud.class) || !staticRegistrations(c).isEmpty();
	}

	private static boolean sharedServer(List<Class<?>> chain) {
		for (Class<?> c : chain) {
			Optional<WithFakeYandexCloud> a = AnnotationSupport.findAnnotation(c, WithFakeYandexCloud.class);
			if (a.isPresent()) {
				return a.get().shared();
			}
			for (Field f : staticRegistrations(c)) {
				Object value = ReflectionSupport.tryToReadFieldValue(f, null).toOptional().orElse(null);
				if (value instanceof FakeYandexCloudExtension extension) {
					return extension.isShared();
				}
			}
		}
		return false;
	}

	private static List<Field> staticRegistrations(Class<?> c) {
		return ReflectionSupport.findFields(c, f -> ModifierSupport.isStatic(f) && f.getType() == FakeYandexCloudExtension.class
				&& AnnotationSupport.isAnnotated(f, RegisterExtension.class), HierarchyTraversalMode.TOP_DOWN);
	}

	/** The constructor (per-class lifecycle) or a {@code @BeforeAll}/{@code @AfterAll} method takes server state. */
	private static boolean classSetUpTakesServerState(Class<?> c) {
		if (anyMethodTakesServerState(c, BeforeAll.class) || anyMethodTakesServerState(c, AfterAll.class)) {
			return true;
		}
		boolean perClass = AnnotationSupport.findAnnotation(c, TestInstance.class).map(TestInstance::value)
				.filter(v -> v == TestInstance.Lifecycle.PER_CLASS).isPresent();
		return perClass && constructorsTakeServerState(c);
	}

	/** A per-method constructor or a {@code @BeforeEach}/{@code @AfterEach} method takes server state. */
	private static boolean eachSetUpTakesServerState(Class<?> c) {
		return anyMethodTakesServerState(c, BeforeEach.class) || anyMethodTakesServerState(c, AfterEach.class) || constructorsTakeServerState(c);
	}

	private static boolean constructorsTakeServerState(Class<?> c) {
		return Arrays.stream(c.getDeclaredConstructors()).anyMatch(FakeCloudLocks::takesServerState);
	}

	private static boolean anyMethodTakesServerState(Class<?> c, Class<? extends java.lang.annotation.Annotation> annotation) {
		return AnnotationSupport.findAnnotatedMethods(c, annotation, HierarchyTraversalMode.TOP_DOWN).stream()
				.anyMatch(FakeCloudLocks::takesServerState);
	}

	static boolean takesServerState(Executable executable) {
		for (Parameter p : executable.getParameters()) {
			Class<?> type = p.getType();
			if (type == FakeYandexCloud.class || type == FakeClock.class
					|| (type == ServiceAccount.class && p.isAnnotationPresent(AttachedToMetadata.class))) {
				return true;
			}
		}
		return false;
	}
}
