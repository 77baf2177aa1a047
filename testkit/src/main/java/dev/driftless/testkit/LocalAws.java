package dev.driftless.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that talks to AWS through the local emulator: the moto server for Secrets Manager, SQS,
 * EventBridge and DynamoDB. The SDK's default builders find it through the standard endpoint setting
 * ({@code aws.endpointUrl}), exactly as the Lambda code does with {@code AWS_ENDPOINT_URL}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface LocalAws {}
