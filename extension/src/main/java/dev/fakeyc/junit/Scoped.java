package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

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
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Scoped {
	/** Scope names such as {@code yc.serverless.workflows.execute}. */
	String[] value();
}
