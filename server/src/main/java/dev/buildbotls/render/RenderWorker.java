package dev.buildbotls.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process Helm runs in ({@link ChartRenderer} starts it): an environment of its own (an empty
 * kubeconfig, a private home, no in-cluster variables), so a template's {@code lookup} can never
 * reach a cluster, and a memory limit, so a template that loops or explodes costs this process
 * only, never the server. Requests and answers travel on stdin/stdout as length-prefixed frames.
 */
public final class RenderWorker {
  /** helm-java would otherwise try to download its native library when none is found. */
  static final String SKIP_REMOTE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";
  static final int RENDERED = 0;
  static final int REFUSED = 1;

  private RenderWorker() {}

  public static void main(String[] args) throws IOException {
    System.setProperty(SKIP_REMOTE_JAR, "true");
    DataInputStream in = new DataInputStream(System.in);
    DataOutputStream out = new DataOutputStream(new PrintStream(System.out, false, StandardCharsets.UTF_8));
    System.setOut(System.err); // stdout carries the frames only
    while (true) {
      List<String> request;
      try {
        request = readStrings(in);
      } catch (EOFException e) {
        return; // the server went away
      }
      int status = RENDERED;
      String answer;
      try {
        TemplateCommand command = new Helm(Path.of(request.get(0))).template().withName(request.get(1)).withNamespace("default");
        for (String values : request.subList(2, request.size())) {
          command = command.withValuesFile(Path.of(values));
        }
        answer = command.call();
      } catch (RuntimeException e) {
        status = REFUSED;
        answer = e.getMessage() == null ? "Helm failed without a message" : e.getMessage();
      }
      out.writeInt(status);
      writeString(out, answer);
      out.flush();
    }
  }

  static List<String> readStrings(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<String> strings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strings.add(readString(in));
    }
    return strings;
  }

  static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      writeString(out, s);
    }
  }

  static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
