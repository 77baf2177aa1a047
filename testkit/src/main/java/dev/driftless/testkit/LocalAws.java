package dev.driftless.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that talks to AWS through the local emulators: the moto server for Secrets Manager, SQS and
 * EventBridge, DynamoDB Local for DynamoDB. The SDK's default builders find them through the standard
 * endpoint settings ({@code aws.endpointUrl}, {@code aws.endpointUrlDynamoDb}), exactly as the Lambda code
 * does with {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_DYNAMODB}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface LocalAws {}
