# The two commands of the README. Each installs what is missing first.
.PHONY: serve test size

serve:
	scripts/serve.sh

test:
	scripts/test.sh

size:
	scripts/size.sh
