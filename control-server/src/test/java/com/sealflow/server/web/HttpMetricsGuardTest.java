package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Micrometer's HTTP server metrics, as the server builds them, given a connection that has no metric (accepted before
 * the server's metrics existed): unguarded they throw on its first request, so that request was never answered;
 * guarded nothing is recorded for it, and a connection with its metric is measured as before.
 */
class HttpMetricsGuardTest {

    private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
    private static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(50000, "127.0.0.1");

    @Test
    void aConnectionWithoutAMetricIsNotMeasuredInsteadOfFailingItsRequests() {
        MeterRegistry registry = new SimpleMeterRegistry();
        HttpServerMetrics<Object, Object, Object> plain = server(new MicrometerMetricsFactory(registry).metrics(options()));
        assertThatThrownBy(() -> plain.requestBegin(null, REQUEST)).isInstanceOf(NullPointerException.class);

        HttpServerMetrics<Object, Object, Object> guarded = server(HttpMetricsGuard.around(new MicrometerMetricsFactory(registry))
            .metrics(options()));
        Object request = guarded.requestBegin(null, REQUEST);
        assertThat(request).isNull();
        guarded.requestEnd(request, REQUEST, 120);
        guarded.requestRouted(request, "/health/ready");
        guarded.responseBegin(request, RESPONSE);
        guarded.responseEnd(request, RESPONSE, 40);
        guarded.bytesRead(null, CLIENT, 120);
        guarded.bytesWritten(null, CLIENT, 40);
        guarded.disconnected(null, CLIENT);
        assertThat(requestsCounted(registry)).isZero();

        Object connection = guarded.connected(CLIENT, "client");
        Object measured = guarded.requestBegin(connection, REQUEST);
        assertThat(measured).isNotNull();
        guarded.requestEnd(measured, REQUEST, 120);
        guarded.responseBegin(measured, RESPONSE);
        guarded.responseEnd(measured, RESPONSE, 40);
        guarded.disconnected(connection, CLIENT);
        assertThat(requestsCounted(registry)).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static HttpServerMetrics<Object, Object, Object> server(VertxMetrics metrics) {
        return (HttpServerMetrics<Object, Object, Object>) metrics.createHttpServerMetrics(new HttpServerOptions(), LOCAL);
    }

    private static VertxOptions options() {
        return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setRegistryName("http-metrics-guard-" + UUID.randomUUID()));
    }

    private static double requestsCounted(MeterRegistry registry) {
        return registry.find("vertx.http.server.requests").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static final HttpRequest REQUEST = new HttpRequest() {
        @Override
        public int id() {
            return 1;
        }

        @Override
        public String uri() {
            return "/health/ready";
        }

        @Override
        public String absoluteURI() {
            return "http://127.0.0.1:8080/health/ready";
        }

        @Override
        public HttpMethod method() {
            return HttpMethod.GET;
        }

        @Override
        public MultiMap headers() {
            return MultiMap.caseInsensitiveMultiMap();
        }

        @Override
        public SocketAddress remoteAddress() {
            return CLIENT;
        }
    };

    private static final HttpResponse RESPONSE = new HttpResponse() {
        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public MultiMap headers() {
            return MultiMap.caseInsensitiveMultiMap();
        }
    };
}
