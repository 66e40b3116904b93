/**
 * The standalone config document (accounts, credentials, catalog additions): parsed strictly, validated by a plain function.
 */
package dev.fakeyc.server.internal.config;
