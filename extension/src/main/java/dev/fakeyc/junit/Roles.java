package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Roles granted to the test's service account on its own folder (access bindings), on an
 * injected {@link dev.fakeyc.server.ServiceAccount}, {@link dev.fakeyc.server.ApiKey} or (service
 * account) {@link dev.fakeyc.server.IamToken}. From then on the account is judged by its bindings
 * alone, in either {@link dev.fakeyc.server.AccessMode}; the bindings go with the account after the test.
 *
 * <pre>{@code
 * @Test
 * void generatesImages(@Roles("ai.imageGeneration.user") @Scoped("yc.ai.imageGeneration.execute") ApiKey key) { … }
 * }</pre>
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Roles {
	/**
	 * The roles to grant.
	 *
	 * @return role ids of the role catalog, such as {@code ai.languageModels.user} or {@code editor}; an unknown one
	 *         fails the parameter's resolution, naming the known ones
	 */
	String[] value();
}
