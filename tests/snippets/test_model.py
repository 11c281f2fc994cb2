import warnings

from snippets.model import build_model, compile_model


def test_architecture_and_parameter_count():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the Keras 3 form builds without any warning
        model = build_model()
    assert [layer.__class__.__name__ for layer in model.layers] == ["Flatten", "Dense", "Dense"]
    assert model.input_shape == (None, 28, 28)
    assert model.output_shape == (None, 10)
    assert model.layers[1].activation.__name__ == "relu"
    assert model.layers[2].activation.__name__ == "softmax"
    # 784*128 + 128 + 128*10 + 10
    assert model.count_params() == 101_770


def test_compiles_for_integer_labels():
    model = compile_model(build_model())
    assert model.loss.__class__.__name__ == "SparseCategoricalCrossentropy"
    assert model.optimizer.__class__.__name__ == "Adam"
