package io.roster.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Vert.x instance and the context the consumer's classes run on, new for each test and closed
 * after it (with the servers and clients the test made). Register with {@code @RegisterExtension}.
 */
final class TestVertx implements BeforeEachCallback, AfterEachCallback {

    private Vertx vertx;
    private Context context;

    @Override
    public void beforeEach(ExtensionContext test) {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        Await.result(vertx.close());
    }

    Vertx vertx() {
        return vertx;
    }

    Context context() {
        return context;
    }

    /** Runs {@code action} on the context and gives its value (see {@link Await#onContext(Context, Supplier)}). */
    <T> T onContext(Supplier<T> action) {
        return Await.onContext(context, action);
    }

    void onContext(Runnable action) {
        Await.onContext(context, action);
    }
}
