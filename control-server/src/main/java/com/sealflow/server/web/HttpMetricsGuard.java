package com.sealflow.server.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * Micrometer's metrics with one guard: a connection the HTTP server accepted before its metrics existed is not measured,
 * instead of losing its requests. Vert.x 5.0 creates a server's metrics in the listener of its bind, so a client that
 * connects the moment the port opens (a readiness poll, a browser reconnecting after a restart) can be accepted first and
 * get no connection metric; Micrometer then throws on each request of that connection, and the request is never
 * answered (docs/reliability.md). Everything else is Micrometer's, unchanged.
 */
public final class HttpMetricsGuard {

    private HttpMetricsGuard() {
    }

    /** Vert.x's metrics as {@code metrics} makes them (its options too), with the HTTP server's guarded. */
    public static VertxMetricsFactory around(VertxMetricsFactory metrics) {
        return new Factory(metrics);
    }

    private record Factory(VertxMetricsFactory inner) implements VertxMetricsFactory {

        @Override
        public VertxMetrics metrics(VertxOptions options) {
            return new Guarded(inner.metrics(options));
        }

        @Override
        public MetricsOptions newOptions() {
            return inner.newOptions();
        }

        @Override
        public MetricsOptions newOptions(MetricsOptions options) {
            return inner.newOptions(options);
        }

        @Override
        public MetricsOptions newOptions(JsonObject json) {
            return inner.newOptions(json);
        }
    }

    /** Forwards everything; only the HTTP server's metrics are wrapped. */
    private record Guarded(VertxMetrics inner) implements VertxMetrics {

        @Override
        public EventBusMetrics<?> createEventBusMetrics() {
            return inner.createEventBusMetrics();
        }

        @Override
        @SuppressWarnings("unchecked")
        public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
            HttpServerMetrics<?, ?, ?> server = inner.createHttpServerMetrics(options, localAddress);
            return server == null ? null : new ServerMetrics((HttpServerMetrics<Object, Object, Object>) server);
        }

        @Override
        public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type,
            String namespace) {
            return inner.createClientMetrics(remoteAddress, type, namespace);
        }

        @Override
        public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
            return inner.createHttpClientMetrics(options);
        }

        @Override
        public TCPMetrics<?> createNetServerMetrics(NetServerOptions options,
            SocketAddress localAddress) {
            return inner.createNetServerMetrics(options, localAddress);
        }

        @Override
        public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
            return inner.createNetClientMetrics(options);
        }

        @Override
        public DatagramSocketMetrics createDatagramSocketMetrics(
            DatagramSocketOptions options) {
            return inner.createDatagramSocketMetrics(options);
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
            return inner.createPoolMetrics(type, name, maxSize);
        }

        @Override
        public void vertxCreated(Vertx vertx) {
            inner.vertxCreated(vertx);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * The HTTP server's metrics, where a connection without a metric (S) has requests without one (R) and web sockets
     * without one (W), and nothing is recorded for any of them.
     */
    record ServerMetrics(HttpServerMetrics<Object, Object, Object> inner) implements HttpServerMetrics<Object, Object, Object> {

        @Override
        public Object connected(SocketAddress remoteAddress, String remoteName) {
            return inner.connected(remoteAddress, remoteName);
        }

        @Override
        public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
            if (socketMetric != null) {
                inner.disconnected(socketMetric, remoteAddress);
            }
        }

        @Override
        public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
            if (socketMetric != null) {
                inner.bytesRead(socketMetric, remoteAddress, numberOfBytes);
            }
        }

        @Override
        public void bytesWritten(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
            if (socketMetric != null) {
                inner.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
            }
        }

        @Override
        public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
            if (socketMetric != null) {
                inner.exceptionOccurred(socketMetric, remoteAddress, t);
            }
        }

        @Override
        public Object requestBegin(Object socketMetric, HttpRequest request) {
            return socketMetric == null ? null : inner.requestBegin(socketMetric, request);
        }

        @Override
        public void requestEnd(Object requestMetric, HttpRequest request, long bytesRead) {
            if (requestMetric != null) {
                inner.requestEnd(requestMetric, request, bytesRead);
            }
        }

        @Override
        public void requestReset(Object requestMetric) {
            if (requestMetric != null) {
                inner.requestReset(requestMetric);
            }
        }

        @Override
        public void responseBegin(Object requestMetric, HttpResponse response) {
            if (requestMetric != null) {
                inner.responseBegin(requestMetric, response);
            }
        }

        @Override
        public Object responsePushed(Object socketMetric, HttpMethod method, String uri, HttpResponse response) {
            return socketMetric == null ? null : inner.responsePushed(socketMetric, method, uri, response);
        }

        @Override
        public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
            if (requestMetric != null) {
                inner.responseEnd(requestMetric, response, bytesWritten);
            }
        }

        @Override
        public Object connected(Object socketMetric, Object requestMetric, ServerWebSocket serverWebSocket) {
            return socketMetric == null || requestMetric == null ? null : inner.connected(socketMetric, requestMetric, serverWebSocket);
        }

        @Override
        public void disconnected(Object serverWebSocketMetric) {
            if (serverWebSocketMetric != null) {
                inner.disconnected(serverWebSocketMetric);
            }
        }

        @Override
        public void requestRouted(Object requestMetric, String route) {
            if (requestMetric != null) {
                inner.requestRouted(requestMetric, route);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
