package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Leases: who is operating on an Application, until when. One conditional write takes a free or expired
 * lease and, when it loses, returns the holder; a lease left by a crashed invocation expires and the next
 * one takes over. A pass holds a short lease and renews it while it runs ({@link #renew}): a crashed pass's lease
 * runs out within one lease period, whatever the function's timeout.
 */
public final class LeaseStore {

  /** A lease held: release it with the same holder. */
  public record Lease(String application, String holder, Instant expiresAt) {

    /** Whether the lease still holds at {@code now}. */
    public boolean heldAt(Instant now) {
      return expiresAt.isAfter(now);
    }
  }

  private final DynamoDbClient ddb;
  private final String table;
  private final Clock clock;

  public LeaseStore(DynamoDbClient ddb, String table, Clock clock) {
    this.ddb = ddb;
    this.table = table;
    this.clock = clock;
  }

  /** Takes the lease for {@code duration}, or throws {@link ConflictException} naming the current holder. */
  public Lease acquire(String app, String holder, Duration duration) {
    Instant now = clock.instant();
    Instant until = now.plus(duration);
    try {
      ddb.putItem(r -> r.tableName(table)
          .item(Map.of("pk", s("LEASE#" + app), "sk", s("-"), "holder", s(holder),
              "leaseUntil", n(until.toEpochMilli()), StateTable.TTL, n(until.plus(Duration.ofDays(1)).getEpochSecond())))
          .conditionExpression("attribute_not_exists(pk) OR leaseUntil < :now OR holder = :me")
          .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":me", s(holder)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Lease(app, holder, until);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item();
      String other = old == null ? "another operation" : Items.str(old, "holder");
      long until2 = old == null ? 0 : Items.num(old, "leaseUntil", 0);
      throw new ConflictException("application " + app + ": leased by " + other + " until "
          + Instant.ofEpochMilli(until2));
    }
  }

  /**
   * Extends the lease to {@code period} from now, in one conditional write that succeeds only while this holder
   * has it, or throws {@link ConflictException} naming who took it over (or saying it was released).
   */
  public Lease renew(Lease lease, Duration period) {
    Instant until = clock.instant().plus(period);
    try {
      ddb.updateItem(r -> r.tableName(table).key(key("LEASE#" + lease.application(), "-"))
          .updateExpression("SET leaseUntil = :until, #ttl = :ttl")
          .conditionExpression("holder = :me")
          .expressionAttributeNames(Map.of("#ttl", StateTable.TTL))
          .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()), ":me", s(lease.holder()),
              ":ttl", n(until.plus(Duration.ofDays(1)).getEpochSecond())))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Lease(lease.application(), lease.holder(), until);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item();
      String now = old == null || old.isEmpty() ? "released"
          : "taken over by " + Items.str(old, "holder") + " until "
              + Instant.ofEpochMilli(Items.num(old, "leaseUntil", 0));
      throw new ConflictException("application " + lease.application() + ": lease of " + lease.holder()
          + " not renewed: " + now);
    }
  }

  /** The Application's lease as stored (a strongly consistent read), expired or not; empty when none is. */
  public Optional<Lease> current(String app) {
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(key("LEASE#" + app, "-"))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) return Optional.empty();
    return Optional.of(new Lease(app, Items.str(item, "holder"),
        Instant.ofEpochMilli(Items.num(item, "leaseUntil", 0))));
  }

  /** Gives the lease up if this holder still has it; a lease taken over by someone else is left alone. */
  public void release(Lease lease) {
    try {
      ddb.deleteItem(r -> r.tableName(table).key(key("LEASE#" + lease.application(), "-"))
          .conditionExpression("holder = :me").expressionAttributeValues(Map.of(":me", s(lease.holder()))));
    } catch (ConditionalCheckFailedException e) {
      // Expired and taken over: nothing of ours to release.
    }
  }
}
