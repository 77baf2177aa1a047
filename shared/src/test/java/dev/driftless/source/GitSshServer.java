package dev.driftless.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH server (Apache MINA sshd) that accepts one public key and serves {@code git-upload-pack} by
 * running git's real upload-pack on repositories under a root, passing {@code GIT_PROTOCOL} through.
 */
final class GitSshServer implements AutoCloseable {

  private final SshServer server;
  private final KeyPair hostKey;
  /** When set, GIT_PROTOCOL is not passed on: upload-pack speaks protocol v0 only, like old servers. */
  volatile boolean v0Only;

  GitSshServer(Path projectRoot, PublicKey allowedKey) throws IOException, GeneralSecurityException {
    this(projectRoot, allowedKey, newKey());
  }

  GitSshServer(Path projectRoot, PublicKey allowedKey, KeyPair hostKey) throws IOException, GeneralSecurityException {
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowedKey));
    server.setCommandFactory((channel, command) -> new UploadPack(projectRoot, command, v0Only));
    server.start();
  }

  /** A fresh ECDSA P-256 key pair. */
  static KeyPair newKey() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
  }

  /** A fresh Ed25519 key pair (sshd reads and writes these through BouncyCastle, which the engine ships). */
  static KeyPair newEd25519Key() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  /** The key pair as an OpenSSH private key file's text. */
  static String openSshPrivateKey(KeyPair key) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "driftless-test",
        (OpenSSHKeyEncryptionContext) null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  String url(String repo) {
    return "ssh://git@127.0.0.1:" + server.getPort() + "/" + repo;
  }

  /** A known_hosts line trusting this server's host key (or another key, to test a mismatch). */
  String knownHosts(PublicKey key) {
    return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key);
  }

  PublicKey hostKey() {
    return hostKey.getPublic();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** {@code git-upload-pack '<path>'} run as a subprocess, its streams pumped to and from the channel. */
  private static final class UploadPack implements Command {
    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private final boolean v0Only;
    private Process process;

    UploadPack(Path root, String command, boolean v0Only) {
      this.root = root;
      this.command = command;
      this.v0Only = v0Only;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      String[] parts = command.trim().split("\\s+", 2);
      if (parts.length != 2 || !parts[0].equals("git-upload-pack")) {
        exit.onExit(1, "only git-upload-pack is served");
        return;
      }
      Path repo = root.resolve(parts[1].replace("'", "").replaceFirst("^/+", "")).normalize();
      if (!repo.startsWith(root) || !Files.isDirectory(repo)) {
        err.write(("fatal: '" + parts[1] + "' does not appear to be a git repository\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(128);
        return;
      }
      ProcessBuilder pb = new ProcessBuilder(List.of("git", "upload-pack", repo.toString()));
      Map<String, String> penv = pb.environment();
      penv.keySet().removeIf(k -> k.startsWith("GIT_"));
      String protocol = env.getEnv().get("GIT_PROTOCOL");
      if (protocol != null && !v0Only) {
        penv.put("GIT_PROTOCOL", protocol);
      }
      process = pb.start();
      Thread input = pump(in, process.getOutputStream(), true);
      input.setDaemon(true);
      Thread error = pump(process.getErrorStream(), err, false);
      Thread output = new Thread(() -> {
        copy(process.getInputStream(), out, false);
        try {
          error.join();
          exit.onExit(process.waitFor());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exit.onExit(1);
        }
      });
      input.start();
      error.start();
      output.start();
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
      return new Thread(() -> copy(from, to, closeTarget));
    }

    private static void copy(InputStream from, OutputStream to, boolean closeTarget) {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = from.read(buf)) != -1) {
          to.write(buf, 0, n);
          to.flush();
        }
      } catch (IOException e) {
        // the other side went away
      } finally {
        if (closeTarget) {
          try {
            to.close();
          } catch (IOException e) {
            // already closed
          }
        }
      }
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }
}
