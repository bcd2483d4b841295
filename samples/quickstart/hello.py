"""Runs inside the env that `dotnet build` provisioned, and says what it uses."""
import m1env_hello

info = m1env_hello.describe()
print(f"Python {info['python']} ({info['implementation']}, {info['machine']}) at {info['executable']}")
print(f"Environment: {info['environment']} (venv: {info['in_venv']})")
print(f"Memory: {info['memory']}")
print("Packages: " + ", ".join(f"{name} {version}" for name, version in info["packages"].items()))
