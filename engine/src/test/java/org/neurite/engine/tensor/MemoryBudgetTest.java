package org.neurite.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

class MemoryBudgetTest {

    @Test
    void anArrayBeyondTheIntRangeIsRefusedWithoutWrappingAround() {
        assertThatThrownBy(() -> MemoryBudget.floats(Shape.of(100_000, 100_000), "tensor [100000, 100000]"))
                .isInstanceOf(MemoryLimitException.class)
                .hasMessage("tensor [100000, 100000] has 10000000000 elements, more than one array holds (2147483639)");
        assertThatThrownBy(() -> CpuBackend.instance().zeros(Shape.of(65_536, 65_536)))
                .isInstanceOf(MemoryLimitException.class).hasMessageContaining("4294967296 elements");
    }

    @Test
    void moreBytesThanTheWholeHeapAreRefused() {
        long tooMany = MemoryBudget.heap() / Float.BYTES + 1;
        assertThat(tooMany).isLessThan(MemoryBudget.MAX_ARRAY);
        assertThatThrownBy(() -> MemoryBudget.floats(tooMany, "weight"))
                .isInstanceOf(MemoryLimitException.class)
                .hasMessageStartingWith("weight needs ").hasMessageContaining("more than the whole heap");
        assertThat(MemoryBudget.floats(1000, "small")).isEqualTo(1000);
    }

    @Test
    void aLayerTooLargeToBuildIsAnOptionErrorAtItsPath() {
        Options model = Options.of("model", Map.of("input", List.of(784),
                "layers", List.of(Map.of("type", "dense", "units", 200_000_000))));

        assertThatThrownBy(() -> Sequential.fromOptions(model, Components.builtIns(), 0))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("model.layers[0]: parameter [200000000, 784] has 156800000000 elements");
    }

    @Test
    void sizesAreWrittenInTheirLargestUnit() {
        assertThat(MemoryBudget.bytes(512)).isEqualTo("512 bytes");
        assertThat(MemoryBudget.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }
}
