package io.roster.coordinator.runtime;

/**
 * How one coordinator node runs.
 *
 * @param groups                the group settings
 * @param httpHost              the address the API listens on
 * @param httpPort              its port; 0 for any free port
 * @param maxBodyBytes          larger request bodies get 413
 * @param expiryCheckIntervalMs how often the node looks for expired sessions in its groups
 */
public record NodeSettings(GroupSettings groups, String httpHost, int httpPort, long maxBodyBytes,
                           long expiryCheckIntervalMs) {
}
