package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Makes an injected {@link dev.fakeyc.server.IamToken} a user account's token rather than the test's
 * service account's: AI services then want a folder in the request.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UserAccountToken {
}
