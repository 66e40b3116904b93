/**
 * The JUnit Jupiter extension: a fake Yandex Cloud for a test class or a whole run, its URL and ready credentials
 * injected into test parameters, and the requests each test made, with AssertJ assertions over them.
 *
 * <p>Start with {@link dev.fakeyc.junit.WithFakeYandexCloud} on a test class (or
 * {@link dev.fakeyc.junit.FakeYandexCloudExtension} registered with {@code @RegisterExtension}); ask for
 * {@link dev.fakeyc.junit.FakeCloudUrl @FakeCloudUrl} {@code URI}, an {@code ApiKey}, {@code IamToken},
 * {@code ServiceAccount} or {@link dev.fakeyc.junit.ReceivedRequests} as parameters. What the fake answers imitates
 * the real cloud's authentication, as {@code dev.fakeyc.server} documents with its sources.
 *
 * <p>Every public type carries {@link org.apiguardian.api.API @API}: {@code STABLE} types change only compatibly
 * within a major version; {@code EXPERIMENTAL} ones (parallel-execution support) may still change in a minor one.
 * The checked-in listing {@code extension/api/fakeyc-junit.api} is this package's reviewed public API.
 *
 * @since 0.1
 */
package dev.fakeyc.junit;
