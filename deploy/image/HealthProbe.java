import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The image's health check: it has no shell, curl or wget, only Java. Exits 0 when an http URL answers 2xx (the
 * actuator's readiness) or a tcp://host:port accepts a connection (the broker), 1 otherwise. Compiled into the image
 * by build-runtime.sh, run as `java -cp /opt/corridor/probe HealthProbe URL` (a JVM start, about 0.1 s of CPU).
 */
public final class HealthProbe {

    private HealthProbe() {}

    public static void main(String[] args) {
        URI uri = URI.create(args[0]);
        try {
            if ("tcp".equals(uri.getScheme())) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 3000);
                }
                System.exit(0);
            }
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            int status = connection.getResponseCode();
            if (status < 200 || status > 299) {
                System.err.println(uri + " answered " + status);
                System.exit(1);
            }
            System.exit(0);
        } catch (IOException e) {
            System.err.println(uri + ": " + e);
            System.exit(1);
        }
    }
}
