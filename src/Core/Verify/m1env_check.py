"""M1Env's in-env check: which ML frameworks this Python has, which accelerator each one sees,
and whether a small computation there gives the CPU's answer. Prints one JSON document.

    python m1env_check.py [--benchmark] [--size 10000] [--repeat 5]

It never installs anything and never fails on a framework that is missing or broken: each result
says what happened. --benchmark times a size x size float32 matmul on each framework's accelerator
(warm-up excluded, synchronised so the time is the device's; for MLX, which is lazy, mx.eval is the
synchronisation), as the course's check does.
"""
import argparse
import importlib
import json
import platform
import sys
import time
import traceback

FRAMEWORKS = ["numpy", "pandas", "sklearn", "matplotlib", "tensorflow", "torch", "jax", "mlx.core"]
DISTRIBUTIONS = {"sklearn": "scikit-learn", "mlx.core": "mlx"}
TOLERANCE = 1e-3


def version_of(module):
    return getattr(module, "__version__", None)


def small_case():
    """A 64x64 matmul whose exact answer the CPU gives in NumPy-free pure Python."""
    n = 64
    a = [[((i * 7 + j * 3) % 11) / 11.0 for j in range(n)] for i in range(n)]
    b = [[((i * 5 + j * 2) % 13) / 13.0 for j in range(n)] for i in range(n)]
    expected = sum(sum(a[i][k] * b[k][j] for k in range(n)) for i in range(n) for j in range(n))
    return a, b, expected


def compare(got, expected):
    error = abs(got - expected) / max(abs(expected), 1.0)
    return {"result": got, "expected": expected, "relativeError": error, "matches": error < TOLERANCE}


def timed(run, sync, repeat):
    run()
    sync()  # the warm-up (compilation, allocation) is not timed
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        sync()
        times.append(time.perf_counter() - start)
    best = min(times)
    return {"seconds": best, "median": sorted(times)[len(times) // 2]}


def check_torch(torch, options):
    if torch.cuda.is_available():
        device, name = "cuda", torch.cuda.get_device_name(0)
        sync = torch.cuda.synchronize
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        device, name = "mps", "Apple GPU (MPS)"
        sync = torch.mps.synchronize
    else:
        built = getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_built()
        reason = "MPS is built but not available (a macOS VM without GPU access, or macOS too old)" if built else "no CUDA or MPS device"
        return {"accelerator": None, "reason": reason}
    a, b, expected = small_case()
    got = float((torch.tensor(a, device=device) @ torch.tensor(b, device=device)).sum().cpu())
    result = {"accelerator": device, "device": name, "computation": compare(got, expected)}
    if options.benchmark:
        x = torch.rand(options.size, options.size, device=device)
        y = torch.rand(options.size, options.size, device=device)
        result["matmul"] = dict(timed(lambda: x @ y, sync, options.repeat), size=options.size)
    return result


def check_tensorflow(tf, options):
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return {"accelerator": None, "reason": "TensorFlow sees no GPU (on a Mac: is tensorflow-metal installed and loading?)"}
    a, b, expected = small_case()
    with tf.device("/GPU:0"):
        got = float(tf.reduce_sum(tf.matmul(tf.constant(a, dtype=tf.float32), tf.constant(b, dtype=tf.float32))).numpy())
    result = {"accelerator": "gpu", "device": gpus[0].name, "devices": [g.name for g in gpus], "computation": compare(got, expected)}
    if options.benchmark:
        with tf.device("/GPU:0"):
            x = tf.random.uniform((options.size, options.size))
            y = tf.random.uniform((options.size, options.size))
            result["matmul"] = dict(timed(lambda: tf.matmul(x, y), lambda: tf.matmul(x, y)[0, 0].numpy(), options.repeat), size=options.size)
    return result


def check_jax(jax, options):
    import jax.numpy as jnp
    devices = jax.devices()
    platforms = sorted({d.platform for d in devices})
    accelerated = [d for d in devices if d.platform != "cpu"]
    if not accelerated:
        return {"accelerator": None, "reason": "JAX sees only the CPU", "devices": [str(d) for d in devices]}
    device = accelerated[0]
    a, b, expected = small_case()
    x = jax.device_put(jnp.array(a, dtype=jnp.float32), device)
    y = jax.device_put(jnp.array(b, dtype=jnp.float32), device)
    got = float(jnp.sum(x @ y))
    result = {"accelerator": device.platform, "device": str(device), "devices": [str(d) for d in devices], "platforms": platforms,
              "computation": compare(got, expected)}
    if options.benchmark:
        key = jax.random.PRNGKey(0)
        p = jax.device_put(jax.random.uniform(key, (options.size, options.size)), device)
        q = jax.device_put(jax.random.uniform(key, (options.size, options.size)), device)
        holder = {}
        result["matmul"] = dict(timed(lambda: holder.__setitem__("r", p @ q), lambda: holder["r"].block_until_ready(), options.repeat), size=options.size)
    return result


def numpy_or_none():
    try:
        import numpy
        return numpy
    except Exception:  # NumPy is optional for MLX: without it the exact answer comes from pure Python
        return None


def mlx_backend(mx):
    """Which GPU backend MLX has here: Metal on Apple Silicon, CUDA with mlx[cuda]; None when neither."""
    for backend, name in (("metal", "Metal"), ("cuda", "CUDA")):
        module = getattr(mx, backend, None)
        if module is not None and module.is_available():
            return name
    return None


def mlx_on_cpu_reason(backend):
    if backend is not None:
        return f"MLX runs on the CPU although {backend} is available (did a sitecustomize call mx.set_default_device?)"
    if platform.system() == "Darwin" and platform.machine() != "arm64":
        return f"MLX runs on the CPU: this Python is {platform.machine()}, and MLX needs a native arm64 Python (not one under Rosetta)"
    if platform.system() == "Darwin":
        return "MLX runs on the CPU: Metal is not available (a macOS VM without GPU access, or macOS older than 14)"
    return "MLX runs on the CPU (mlx[cpu]; for an NVIDIA GPU install mlx[cuda])"


def check_mlx(mx, options):
    device = mx.default_device()
    backend = mlx_backend(mx)
    if device.type != mx.gpu:
        return {"accelerator": None, "device": str(device), "reason": mlx_on_cpu_reason(backend)}
    numpy = numpy_or_none()
    a, b, expected = small_case()
    if numpy is not None:  # the reference answer is NumPy's, in float64
        expected = float((numpy.array(a, dtype=numpy.float64) @ numpy.array(b, dtype=numpy.float64)).sum())
    product = mx.matmul(mx.array(a), mx.array(b), stream=mx.gpu)
    mx.eval(product)  # MLX is lazy: nothing runs on the GPU until eval
    got = float(sum(sum(row) for row in product.tolist()))
    result = {"accelerator": "gpu", "device": f"{device} via {backend or 'an unknown backend'}", "computation": compare(got, expected)}
    if options.benchmark:
        x = mx.random.uniform(shape=(options.size, options.size))
        y = mx.random.uniform(shape=(options.size, options.size))
        mx.eval(x, y)
        holder = {}
        result["matmul"] = dict(timed(lambda: holder.__setitem__("r", mx.matmul(x, y, stream=mx.gpu)), lambda: mx.eval(holder["r"]), options.repeat),
                                size=options.size)
    return result


CHECKS = {"torch": check_torch, "tensorflow": check_tensorflow, "jax": check_jax, "mlx.core": check_mlx}


def absent(error, name):
    """An import error that only says the framework (or its top-level package) is not installed."""
    missing = getattr(error, "name", None)
    return isinstance(error, ModuleNotFoundError) and missing is not None and (name == missing or name.startswith(missing + "."))


def check(name, options):
    entry = {"name": DISTRIBUTIONS.get(name, name)}
    try:
        module = importlib.import_module(name)
    except ImportError as error:
        entry.update(present=False, error=None if absent(error, name) else str(error))
        return entry
    except Exception as error:  # a framework that is installed but breaks on import
        entry.update(present=True, error=f"{type(error).__name__}: {error}")
        return entry
    entry.update(present=True, version=version_of(module))
    if name in CHECKS:
        try:
            entry.update(CHECKS[name](module, options))
        except Exception as error:
            entry.update(accelerator=None, error=f"{type(error).__name__}: {error}", traceback=traceback.format_exc(limit=3))
    return entry


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--benchmark", action="store_true")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    report = {
        "schema": 1,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "machine": platform.machine(),
        "system": platform.system(),
        "release": platform.mac_ver()[0] or platform.release(),
        "frameworks": [check(name, options) for name in FRAMEWORKS],
    }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
