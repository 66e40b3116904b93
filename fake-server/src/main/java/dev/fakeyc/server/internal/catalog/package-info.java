/**
 * Stage 1, <b>route</b>: the catalog of services, resources and routes (built-in plus the user's), and matching a request's host, method and path to a route.
 */
package dev.fakeyc.server.internal.catalog;
