package dev.driftless.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that talks to a real Git forge: a Gitea server (built by {@code scripts/testenv install gitea}),
 * started once per run on a loopback port with SQLite, an admin user and an API token. Resolves {@link Forge}
 * parameters.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalForgeExtension.class)
public @interface LocalForge {}
