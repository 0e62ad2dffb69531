# The two commands of the README (serve, test), and the smaller steps a maintainer
# runs while working. Each installs what is missing first, where it needs tools.
.PHONY: serve test size check e2e bench reference

serve:
	scripts/serve.sh

test:
	scripts/test.sh

size:
	scripts/size.sh

# Formatting, lints and the native tests: the quick loop, no browser needed.
check:
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings
	cargo test --locked

# The end-to-end tests against a fresh release build.
e2e:
	scripts/setup.sh --test
	PATH="$$PWD/node_modules/.bin:$${CARGO_HOME:-$$HOME/.cargo}/bin:$$PATH" trunk build --release --offline
	node --test tests/e2e/

# Every native benchmark (numbers, never a failure).
bench:
	for b in benches/*.rs; do cargo bench --locked --bench "$$(basename "$$b" .rs)"; done

# Rewrites the reference tables with the pinned Python versions
# (python3 -m pip install -r tests/reference/requirements.txt).
reference:
	python3 tests/reference/analyze_cases.py
	python3 tests/reference/design_cases.py > tests/reference/design_cases.csv
	python3 tests/reference/dunnett_cases.py > tests/reference/dunnett_cases.csv
	python3 tests/reference/sequential_cases.py > tests/reference/sequential_cases.csv
	python3 tests/reference/sequential_plans.py > tests/reference/sequential_plans.csv
	python3 tests/reference/running_cases.py
	python3 tests/reference/ratio_cases.py
	python3 tests/reference/cuped_cases.py
