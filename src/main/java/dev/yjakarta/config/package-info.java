/**
 * Settings read once from JNDI at start, with defaults in one place and validation messages that
 * name the JNDI entry. Every entry is documented in README.md.
 */
package dev.yjakarta.config;
