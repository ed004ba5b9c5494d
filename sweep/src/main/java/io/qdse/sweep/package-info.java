/** Design-space sweeps: spaces declared in YAML, sampling plans, the point-to-row function, resumable runs. */
package io.qdse.sweep;
