package org.neurite.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

class OptimizerProvidersTest {

    @Test
    void listsEveryOptimizerOnce() {
        assertThat(BuiltInOptimizers.providers()).extracting(OptimizerProvider::name)
                .containsExactly("gd", "sgd", "rmsprop", "adam", "adamw", "adagrad");
    }

    @Test
    void documentsEveryOptionWithItsDefaultAndMeaning() {
        for (OptimizerProvider provider : BuiltInOptimizers.providers()) {
            assertThat(provider.description()).as(provider.name()).isNotBlank();
            assertThat(provider.options()).as(provider.name()).extracting(OptionSpec::name).startsWith("lr");
            for (OptionSpec spec : provider.options()) {
                assertThat(spec.defaultValue()).as(provider.name() + "." + spec.name()).isNotNull();
                assertThat(spec.description()).as(provider.name() + "." + spec.name()).isNotBlank();
            }
            assertThat(provider.create(Options.empty()).learningRate())
                    .isEqualTo(((Number) provider.options().get(0).defaultValue()).doubleValue());
            assertThat(provider.create(Options.empty()).name()).isEqualTo(provider.name());
        }
    }

    @Test
    void defaultsFollowPyTorch() {
        Adam adamw = (Adam) new AdamWProvider().create(Options.empty());
        assertThat(adamw.settings()).isEqualTo(new Adam.Settings(0.001, 0.9, 0.999, 1e-8, 0.01, false));
        assertThat(adamw.decoupled()).isTrue();
        Adam adam = (Adam) new AdamProvider().create(Options.empty());
        assertThat(adam.settings().weightDecay()).isZero();
        assertThat(adam.decoupled()).isFalse();
        assertThat(((RmsProp) new RmsPropProvider().create(Options.empty())).settings())
                .isEqualTo(new RmsProp.Settings(0.01, 0.99, 1e-8, 0, 0, false));
        assertThat(((Adagrad) new AdagradProvider().create(Options.empty())).settings())
                .isEqualTo(new Adagrad.Settings(0.01, 0, 0, 0, 1e-10));
    }

    @Test
    void readsEveryOption() {
        Sgd sgd = (Sgd) new SgdProvider().create(Options.of(Map.of("lr", 0.5, "momentum", 0.8, "dampening", 0,
                "weight_decay", 1e-4, "nesterov", true)));
        assertThat(sgd.settings()).isEqualTo(new Sgd.Settings(0.5, 0.8, 0, 1e-4, true));
    }

    @Test
    void rejectsUnknownOptionsNamingTheClosest() {
        Options options = Options.of("optimizer", Map.of("lr", 0.1, "betas1", 0.9));

        assertThatThrownBy(() -> new AdamProvider().create(options))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("optimizer.betas1: unknown option (did you mean 'beta1'?)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gd      | lr                        | 0    | optimizer.lr: must be a finite number > 0, got 0.0",
        "sgd     | lr                        | -1   | optimizer.lr: must be a finite number > 0, got -1.0",
        "sgd     | momentum                  | 1    | optimizer.momentum: must be in [0, 1), got 1.0",
        "sgd     | dampening                 | 1.5  | optimizer.dampening: must be in [0, 1], got 1.5",
        "rmsprop | alpha                     | -0.1 | optimizer.alpha: must be in [0, 1), got -0.1",
        "rmsprop | eps                       | -1   | optimizer.eps: must be a finite number >= 0, got -1.0",
        "adam    | beta1                     | 1    | optimizer.beta1: must be in [0, 1), got 1.0",
        "adamw   | beta2                     | -0.5 | optimizer.beta2: must be in [0, 1), got -0.5",
        "adamw   | weight_decay              | -0.1 | optimizer.weight_decay: must be a finite number >= 0, got -0.1",
        "adagrad | lr_decay                  | -1   | optimizer.lr_decay: must be a finite number >= 0, got -1.0",
        "adagrad | initial_accumulator_value | -1   | optimizer.initial_accumulator_value: must be a finite number >= 0, got -1.0",
    })
    void rejectsValuesOutOfRangeNamingTheKeyPath(String name, String key, double value, String message) {
        Options options = Options.of("optimizer", Map.of(key, value));

        assertThatThrownBy(() -> OptimizerTrajectoryTest.provider(name).create(options))
                .isInstanceOf(OptionException.class)
                .hasMessage(message)
                .extracting(e -> ((OptionException) e).path()).isEqualTo("optimizer." + key);
    }

    @Test
    void rejectsNesterovWithoutMomentum() {
        assertThatThrownBy(() -> new SgdProvider().create(Options.of("train.optimizer", Map.of("nesterov", true))))
                .isInstanceOf(OptionException.class)
                .hasMessage("train.optimizer.nesterov: Nesterov momentum needs momentum > 0 and dampening 0,"
                        + " got momentum 0.0 and dampening 0.0");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertThatThrownBy(() -> new AdamProvider().create(Options.of("optimizer", Map.of("lr", "fast"))))
                .isInstanceOf(OptionException.class)
                .hasMessage("optimizer.lr: expected a number, got \"fast\"");
        assertThatThrownBy(() -> new AdamProvider().create(Options.of("optimizer", Map.of("amsgrad", 1))))
                .hasMessage("optimizer.amsgrad: expected true or false, got 1");
    }

    @Test
    void settingsBuiltInJavaNameTheBareKey() {
        assertThatThrownBy(() -> new Adam.Settings(0.1, 0.9, 1.2, 1e-8, 0, false))
                .isInstanceOf(OptionException.class)
                .hasMessage("beta2: must be in [0, 1), got 1.2");
    }

    @Test
    void learningRateCanBeChangedButNotMadeNegative() {
        var adam = new AdamProvider().create(Options.empty());
        adam.setLearningRate(0.5);
        assertThat(adam.learningRate()).isEqualTo(0.5);
        adam.setLearningRate(0);
        assertThat(adam.learningRate()).isZero();
        assertThatThrownBy(() -> adam.setLearningRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer adam: learning rate must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> adam.setLearningRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
