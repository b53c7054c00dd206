"""Values kept under a generation: shared by every process, renewed all at once."""

from eubelong.core.generations import Generation


def test_a_value_kept_in_process_is_one_object_until_the_generation_moves():
    generation = Generation("test:generations:in-process")
    built = []

    def build():
        built.append(len(built) + 1)
        return {"rows": [built[-1]]}

    first = generation.kept("test:value", ["a"], build, in_process=True)
    assert generation.kept("test:value", ["a"], build, in_process=True) is first
    assert built == [1]
    assert generation.kept("test:value", ["b"], build, in_process=True) == {"rows": [2]}
    generation.bump()
    renewed = generation.kept("test:value", ["a"], build, in_process=True)
    assert renewed == {"rows": [3]}
    assert renewed is not first


def test_a_value_kept_without_in_process_is_a_copy_for_each_reader():
    generation = Generation("test:generations:copies")
    first = generation.kept("test:value", ["a"], lambda: {"rows": [1]})
    again = generation.kept("test:value", ["a"], lambda: {"rows": [2]})
    assert again == first == {"rows": [1]}
    again["rows"].append(9)  # a reader's change stays its own
    assert generation.kept("test:value", ["a"], lambda: {"rows": [3]}) == {"rows": [1]}
