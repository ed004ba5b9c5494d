/** Calibration errors of the fitted models, shown beside their estimates ({@link io.qdse.hwmodels.calib.ModelError}). */
package io.qdse.hwmodels.calib;
