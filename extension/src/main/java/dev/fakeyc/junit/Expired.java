package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Makes an injected {@link dev.fakeyc.server.IamToken} or {@link dev.fakeyc.server.ApiKey} one that
 * has already expired on the fake's clock, to test how a client handles {@code The token is invalid}
 * or {@code The apikey has expired}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Expired {
}
