package org.neurite.engine.kernel;

import java.util.Locale;

/**
 * Decides once, when first used, which GEMM kernel the engine runs, and says so in the log
 * ({@link System.Logger} {@code "neurite"}). The Vector API kernel is used when the module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and visible to the engine's class loader (inside
 * OSGi, when the framework exports the package and the engine's optional import is wired);
 * otherwise a plain-Java kernel, and a warning in the log, since training then runs several
 * times slower. The class of the vector kernel is only touched after that check, so the engine
 * loads fine without the module.
 *
 * <p>The system property {@value #PROPERTY} forces a choice: {@code auto} (default),
 * {@code vector} or {@code scalar}.
 */
final class KernelChoice {

    /** System property that forces a kernel: {@code auto}, {@code vector} or {@code scalar}. */
    static final String PROPERTY = "neurite.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    // Block sizes (floats), measured on Zen (48 KiB L1, 1 MiB L2): an mc x kc panel of A (288 KiB)
    // stays in L2, a kc x nc panel of B (3 MiB) in L3; a longer kc means fewer passes over C.
    private static final int KC = 384;
    // A weight packed ahead is not packed per call, so its depth blocks may be longer: up to 1024
    // in one block (a dense layer of 784 inputs: 784 x 48 floats of B per strip, 150 KiB, in L2),
    // so that each tile of C is written once, bias and ReLU included; measured 4 % faster on the
    // Fashion-MNIST MLP's prediction than two blocks of 392.
    private static final int KC_PACKED = 1024;
    private static final int MC = 192;
    private static final int NC = 2048;

    /** Set by {@link #select()}; no class of the Vector API is touched to find it out. */
    private static boolean vectorChosen;
    private static final BlockedGemm SELECTED = select();
    /** For widths that {@link #SELECTED}'s kernel would end in a narrow edge strip; null for the plain kernel. */
    private static final BlockedGemm WIDE = vectorChosen ? new BlockedGemm(wideKernel(), KC, KC_PACKED, MC, NC) : null;
    private static final RowKernel ROWS = SELECTED.kernel() instanceof ScalarMicroKernel
            ? new ScalarRowKernel() : vectorRows();

    private KernelChoice() {
    }

    /** @return the GEMM the engine uses */
    static BlockedGemm selected() {
        return SELECTED;
    }

    /**
     * @param n the columns of a product's C
     * @return the GEMM for that width: the 4-vector kernel when n is a whole number of its strips
     *     but not of the selected kernel's (64 = 48 + 16 would leave a 16-column edge strip), else
     *     {@link #selected()}; both sum each element in the same order
     */
    static BlockedGemm forColumns(int n) {
        if (WIDE != null && n % WIDE.kernel().nr() == 0 && n % SELECTED.kernel().nr() != 0) {
            return WIDE;
        }
        return SELECTED;
    }

    /** @return whether the GEMM runs the Vector API kernel (then the other kernels use the Vector API too) */
    static boolean vectorSelected() {
        return vectorChosen;
    }

    /** @return the kernel of products of a few rows, of the same kind as {@link #selected()} */
    static RowKernel rows() {
        return ROWS;
    }

    // Kept apart, as vectorKernel(), so that VectorRowKernel is resolved only when this runs.
    private static RowKernel vectorRows() {
        return new VectorRowKernel();
    }

    /** @return whether the Vector API module is in the boot layer and its classes reach the engine */
    static boolean vectorModulePresent() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return false;
        }
        try {
            // In OSGi the module can be in the boot layer yet not wired to this bundle.
            Class.forName(VECTOR_MODULE + ".FloatVector", false, KernelChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return a new GEMM on the plain-Java kernel */
    static BlockedGemm scalarGemm() {
        return new BlockedGemm(new ScalarMicroKernel(), KC, KC_PACKED, MC, NC);
    }

    /**
     * @return a new GEMM on the Vector API kernel
     * @throws IllegalStateException if the module is absent
     */
    static BlockedGemm vectorGemm() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the Vector API kernel needs the module " + VECTOR_MODULE
                    + ": start the JVM with --add-modules " + VECTOR_MODULE);
        }
        return new BlockedGemm(vectorKernel(), KC, KC_PACKED, MC, NC);
    }

    // Kept apart so that VectorMicroKernel is resolved only when this runs.
    private static MicroKernel vectorKernel() {
        return new VectorMicroKernel();
    }

    // Kept apart so that VectorWideMicroKernel is resolved only when this runs.
    private static MicroKernel wideKernel() {
        return new VectorWideMicroKernel();
    }

    private static boolean vectorWorthwhile() {
        return VectorMicroKernel.worthwhile();
    }

    private static BlockedGemm select() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        boolean present = vectorModulePresent();
        BlockedGemm gemm;
        String why;
        switch (wanted) {
            case "scalar" -> {
                gemm = scalarGemm();
                why = PROPERTY + "=scalar";
            }
            case "vector" -> {
                gemm = vectorGemm();
                vectorChosen = true;
                why = PROPERTY + "=vector";
            }
            case "auto", "" -> {
                if (present && vectorWorthwhile()) {
                    gemm = vectorGemm();
                    vectorChosen = true;
                    why = "module " + VECTOR_MODULE + " present";
                } else {
                    gemm = scalarGemm();
                    why = present ? "vectors shorter than 8 floats on this machine"
                            : "module " + VECTOR_MODULE + " absent: training runs several times slower;"
                            + " start the JVM with --add-modules " + VECTOR_MODULE + " (inside OSGi, also export"
                            + " the package through org.osgi.framework.system.packages.extra)";
                }
            }
            default -> throw new IllegalArgumentException("system property " + PROPERTY
                    + " must be auto, vector or scalar, got '" + System.getProperty(PROPERTY) + "'");
        }
        // A missing module costs several times the speed: a warning, not a quiet info line.
        boolean slow = !present && !"scalar".equals(wanted);
        System.getLogger("neurite").log(slow ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "GEMM kernel: {0} ({1}); threads: {2}",
                gemm.kernel().description(), why, Parallel.threads());
        return gemm;
    }
}
