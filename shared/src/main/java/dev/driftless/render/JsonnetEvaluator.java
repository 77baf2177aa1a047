package dev.driftless.render;

import dev.driftless.model.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one {@code .jsonnet} file with go-jsonnet's {@code jsonnet}, as Argo CD does for directory sources:
 * the Application's external variables and top-level arguments, its library directories on the search path.
 *
 * <p>Jsonnet's {@code import}, {@code importstr} and {@code importbin} read any path they name, absolute ones too
 * ({@code /proc/<parent>/environ} holds the function's AWS credentials). Import paths are literals, so
 * {@code jsonnet-deps} lists every file an evaluation can read before it runs, and the evaluation runs only when
 * all of them are inside the repository. Code the Application gives may not import at all. Every value travels
 * as {@code NAME=VALUE} in the argument after its flag, with the name checked, so none is read as a flag nor, as
 * a bare {@code NAME} would be, from the environment.
 */
final class JsonnetEvaluator {

  private JsonnetEvaluator() {}

  /** The JSON the file evaluates to. */
  static String evaluate(RepositoryPaths repo, Path file, Application.Jsonnet jsonnet, RenderOptions options,
      ToolHome home) {
    String what = repo.relative(file) + " (jsonnet)";
    List<String> searchPath = new ArrayList<>();
    for (String lib : jsonnet.libs()) {
      searchPath.add("-J");
      searchPath.add(library(repo, lib, what).toString());
    }
    checkImports(repo, file, searchPath, options, home, what);
    List<String> command = new ArrayList<>(List.of(options.jsonnet().toString()));
    command.addAll(searchPath);
    addVars(command, jsonnet.extVars(), "--ext-str", "--ext-code", "extVars", what);
    addVars(command, jsonnet.tlas(), "--tla-str", "--tla-code", "tlas", what);
    command.addAll(List.of("--", file.toString()));
    return ToolProcess.run(what, command, file.getParent(), home.offlineEnvironment(options.jsonnet()),
        options.timeout(), options.maxRenderBytes());
  }

  /** A library directory, relative to the repository root (as Argo CD reads {@code libs}), inside it. */
  private static Path library(RepositoryPaths repo, String lib, String what) {
    String field = what + ": spec.source.directory.jsonnet.libs " + lib;
    String p = lib.replace('\\', '/');
    if (p.startsWith("/") || List.of(p.split("/")).contains("..")) {
      throw new RenderException(field + " refused: must be relative to the repository root and stay inside it");
    }
    Path dir = repo.root().resolve(p).normalize();
    if (!Files.exists(dir)) {
      throw new RenderException(field + " does not exist");
    }
    Path real = repo.realInside(dir, field);
    if (!Files.isDirectory(real)) {
      throw new RenderException(field + " is not a directory");
    }
    repo.checkLinks(real);
    return real;
  }

  /** Refuses the evaluation when the file, or anything it imports transitively, reads outside the repository. */
  private static void checkImports(RepositoryPaths repo, Path file, List<String> searchPath, RenderOptions options,
      ToolHome home, String what) {
    List<String> command = new ArrayList<>(List.of(options.jsonnetDeps().toString()));
    command.addAll(searchPath);
    command.addAll(List.of("--", file.toString()));
    String deps = ToolProcess.run(what, command, file.getParent(), home.offlineEnvironment(options.jsonnetDeps()),
        options.timeout(), options.maxRenderBytes());
    for (String line : deps.split("\n")) {
      if (!line.isBlank()) {
        Path dep = Path.of(line.strip()).toAbsolutePath().normalize();
        if (!dep.startsWith(repo.root())) {
          throw new RenderException(what + ": imports " + dep + ", outside the repository: refused");
        }
        repo.realInside(dep, what + ": import " + repo.relative(dep));
      }
    }
  }

  private static void addVars(List<String> command, List<Application.JsonnetVar> vars, String stringFlag,
      String codeFlag, String field, String what) {
    for (Application.JsonnetVar v : vars) {
      if (!Application.JsonnetVar.isName(v.name())) {
        throw new RenderException(what + ": spec.source.directory.jsonnet." + field + " name " + v.name()
            + " refused: must start with a letter or '_' and hold only letters, digits, '_', '.' and '-'");
      }
      if (v.code() && Application.JsonnetVar.imports(v.value())) {
        throw new RenderException(what + ": spec.source.directory.jsonnet." + field + " " + v.name()
            + " refused: code given in the Application may not import");
      }
      command.add(v.code() ? codeFlag : stringFlag);
      command.add(v.name() + "=" + v.value());
    }
  }
}
