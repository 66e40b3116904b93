package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * The scopes of an injected {@link dev.fakeyc.server.ApiKey}. Without it a key gets the real default
 * set ({@link dev.fakeyc.server.Scopes#DEFAULT}).
 *
 * <pre>{@code
 * @Test
 * void writesMetrics(@Scoped("yc.monitoring.manage") ApiKey key) { … }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Scoped {
	/**
	 * The scopes the credential carries.
	 *
	 * @return scope names of the catalog, such as {@code yc.serverless.workflows.execute}; an unknown one fails the
	 *         parameter's resolution, naming the known ones
	 */
	String[] value();
}
