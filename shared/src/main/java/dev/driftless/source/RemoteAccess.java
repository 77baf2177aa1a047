package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * One repository URL with its credentials, ready to configure JGit transport commands. SSH gets its own
 * session factory with a private home and ssh directory (never {@code ~/.ssh}), strict host key checking
 * against the secret's known_hosts, and the key held in memory. Close it to drop that directory.
 */
final class RemoteAccess implements AutoCloseable {

  private final String url;
  private final GitCredentials credentials;
  private final int timeoutSeconds;
  private final SshdSessionFactory ssh;
  private final Path sshHome;

  RemoteAccess(String url, GitCredentials credentials, int timeoutSeconds, Path scratch) {
    this.url = url;
    this.credentials = credentials;
    this.timeoutSeconds = timeoutSeconds;
    boolean sshUrl = isSsh(url);
    if (credentials instanceof GitCredentials.Ssh key) {
      if (!sshUrl) {
        throw mismatch(key.secretId(), "holds an SSH key but the URL is not an SSH URL");
      }
      this.sshHome = createHome(scratch);
      this.ssh = sessionFactory(key, sshHome);
    } else {
      if (sshUrl && credentials instanceof GitCredentials.Https https) {
        throw mismatch(https.secretId(), "holds a token or password but the URL is an SSH URL");
      }
      this.sshHome = null;
      this.ssh = null;
    }
  }

  String url() {
    return url;
  }

  /** Sets credentials, the SSH session factory and the timeout on a transport command. */
  <C extends TransportCommand<C, ?>> C configure(C command) {
    command.setTimeout(timeoutSeconds);
    if (credentials instanceof GitCredentials.Https https) {
      command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(https.username(), https.password()));
    }
    if (ssh != null) {
      command.setTransportConfigCallback(t -> {
        if (t instanceof SshTransport s) {
          s.setSshSessionFactory(ssh);
        }
      });
    }
    return command;
  }

  /**
   * Every ref the remote advertises, HEAD included, in one round trip. It runs against an empty in-memory
   * repository whose configuration refuses redirects: without one, JGit would read the user's and the system's
   * Git configuration, and follow a redirect to another host with the credentials it already sent.
   */
  Collection<Ref> lsRemote() {
    try (Repository config = new InMemoryRepository.Builder()
        .setRepositoryDescription(new DfsRepositoryDescription("ls-remote")).setFS(FS.DETECTED).build()) {
      Fetcher.refuseRedirects(config.getConfig());
      return configure(Git.wrap(config).lsRemote().setRemote(url)).callAsMap().values();
    } catch (Exception e) {
      throw failure(e, "listing refs");
    }
  }

  /** A named exception for a failed transport operation: which repository, what failed, while doing what. */
  SourceException failure(Exception e, String doing) {
    Failure kind = classify(e);
    String with = credentials instanceof GitCredentials.Https h ? " (credentials " + h.secretId() + ")"
        : credentials instanceof GitCredentials.Ssh s ? " (credentials " + s.secretId() + ")" : "";
    return new SourceException(kind, "repository " + redact(url) + ": " + kind.phrase() + with + " while "
        + doing + ": " + redact(rootMessage(e)), e);
  }

  static Failure classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException) {
        return Failure.NOT_FOUND;
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("server key did not validate") || m.contains("host key") || m.contains("known hosts")
          || m.contains("authenticity of host")) {
        return Failure.HOST_KEY_MISMATCH;
      }
      if (m.contains("not authorized") || m.contains("authentication is required")
          || m.contains("authentication not supported") || m.contains("cannot log in")
          || m.contains("auth fail") || m.contains("no more keys") || m.contains("permission denied")) {
        return Failure.AUTHENTICATION_FAILED;
      }
      if (m.contains("not found") || m.contains("does not appear to be a git repository")
          || m.contains("no such file or directory")) {
        return Failure.NOT_FOUND;
      }
      if (m.contains("timed out") || m.contains("timeout") || m.contains("time out")) {
        return Failure.TIMEOUT;
      }
    }
    return Failure.TRANSPORT;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /**
   * The URL, or text holding it, without secrets in user info: an HTTP(S) URL loses its user info
   * ({@code https://token@host}, {@code https://user:token@host}); other URLs lose only a password
   * ({@code ssh://git@host} stays as is).
   */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("(?i)(https?://)[^/@\\s]+@", "$1***@")
        .replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\\s]*):[^/@\\s]+@", "$1:***@");
  }

  static boolean isSsh(String url) {
    try {
      URIish u = new URIish(url);
      String scheme = u.getScheme();
      return scheme == null ? u.getHost() != null : scheme.startsWith("ssh") || scheme.endsWith("+ssh");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private SourceException mismatch(String secretId, String what) {
    return new SourceException(Failure.INVALID_CREDENTIALS,
        "repository " + redact(url) + ": credentials " + secretId + " " + what);
  }

  private Path createHome(Path scratch) {
    try {
      Files.createDirectories(scratch);
      Path home = Files.createTempDirectory(scratch, "ssh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createDirectories(home.resolve(".ssh"));
      return home;
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "repository " + redact(url) + ": cannot create SSH directory", e);
    }
  }

  private SshdSessionFactory sessionFactory(GitCredentials.Ssh key, Path home) {
    List<KeyPair> keys = new ArrayList<>();
    try {
      SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.secretId()),
          new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8)), null).forEach(keys::add);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The parser's message could quote key material: keep only the kind of failure.
      keys.clear();
    }
    if (keys.isEmpty()) {
      throw mismatch(key.secretId(), "has an sshPrivateKey that is not a readable unencrypted private key"
          + (SecurityUtils.isEDDSACurveSupported() ? ""
              : " (ed25519 keys need BouncyCastle or net.i2p eddsa on the classpath; RSA and ECDSA keys work)"));
    }
    Path sshDir = home.resolve(".ssh");
    Path knownHosts = sshDir.resolve("known_hosts");
    Path config = sshDir.resolve("config");
    try {
      Files.writeString(knownHosts, key.knownHosts().strip() + "\n");
      Files.writeString(config, "Host *\n  StrictHostKeyChecking yes\n  UserKnownHostsFile " + knownHosts
          + "\n  GlobalKnownHostsFile " + knownHosts + "\n  PreferredAuthentications publickey\n"
          + "  BatchMode yes\n");
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "repository " + redact(url) + ": cannot write known_hosts", e);
    }
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(sshDir.toFile())
        .setConfigFile(dir -> config.toFile())
        .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
        .setDefaultKeysProvider(dir -> keys)
        .setDefaultIdentities(dir -> List.of())
        .setPreferredAuthentications("publickey")
        .setConnectorFactory(null)
        .build(null);
  }

  @Override
  public void close() {
    if (ssh != null) {
      ssh.close();
    }
    if (sshHome != null) {
      try {
        FileUtils.delete(sshHome.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
      } catch (IOException e) {
        // best effort: the directory holds no secret, only known_hosts and config
      }
    }
  }
}
