package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Attaches the injected {@link dev.fakeyc.server.ServiceAccount} to the fake's VM metadata endpoint, as
 * if the code under test ran on a VM with that account: point {@code YC_METADATA_ADDR} (or the client's
 * metadata URL) at the fake.
 *
 * <pre>{@code
 * @Test
 * void readsTokensFromMetadata(@AttachedToMetadata ServiceAccount sa, @FakeCloudUrl URI url) {
 *     var tokens = new MetadataTokenProvider(url.getAuthority(), Clock.systemUTC());
 *     …
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AttachedToMetadata {
}
