package dev.driftless.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs tasks with a bound on how many run at once; each result is a value or the error it ended with. */
final class Parallel {

  record Result<T>(T value, RuntimeException error) {}

  private Parallel() {}

  static <T> List<Result<T>> run(List<Callable<T>> tasks, int bound) {
    List<Result<T>> out = new ArrayList<>();
    if (tasks.isEmpty()) return out;
    if (tasks.size() == 1 || bound <= 1) {
      for (Callable<T> t : tasks) out.add(call(t));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(bound, tasks.size()), r -> {
      Thread th = new Thread(r, "driftless-apply");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<Result<T>>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) futures.add(pool.submit(() -> call(t)));
      for (Future<Result<T>> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          out.add(new Result<>(null, new IllegalStateException(e.getCause())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> Result<T> call(Callable<T> t) {
    try {
      return new Result<>(t.call(), null);
    } catch (RuntimeException e) {
      return new Result<>(null, e);
    } catch (Exception e) {
      return new Result<>(null, new IllegalStateException(e));
    }
  }
}
