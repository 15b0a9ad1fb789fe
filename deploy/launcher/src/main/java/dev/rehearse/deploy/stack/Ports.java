package dev.rehearse.deploy.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Port checks of the launcher. */
public final class Ports {

  private Ports() {}

  /** Whether something accepts connections on {@code 127.0.0.1:port}. */
  public static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code 127.0.0.1:port} can be bound now. */
  public static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * One message line per taken port, naming it and the setting that changes it; empty when every
   * port is free.
   */
  public static List<String> taken(Map<Integer, String> settings) {
    List<String> problems = new ArrayList<>();
    settings.forEach(
        (port, setting) -> {
          if (!free(port)) {
            problems.add("port " + port + " is already in use: set " + setting + " to a free port");
          }
        });
    return problems;
  }

  /** A port the system reports free right now (for tests). */
  public static int ephemeral() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
