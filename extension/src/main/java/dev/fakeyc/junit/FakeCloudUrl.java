package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Marks a {@link java.net.URI} or {@link String} parameter that receives the fake's base URL,
 * {@code http://127.0.0.1:PORT}, to put where the client has {@code https://<service>.api.cloud.yandex.net}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FakeCloudUrl {
}
