# plantrack's make targets. The README's two commands, ./build.sh demo and ./build.sh test, install
# make itself first on a bare Debian, then run these; each target installs missing Debian packages.
#   make demo   build, then check the shipped examples
#   make test   build, then run every test (unit + golden end-to-end)
# Also: make bench (benchmark, see bench/README.md), make asan (tests under ASan+UBSan),
#       make tsan (unit and golden tests under ThreadSanitizer),
#       make deb (the Debian package, Debian's hardening flags; make lintian checks it), make format (clang-format the sources).

BUILD ?= build
JOBS ?= 2
# The .deb's Maintainer field (default: CMakeLists.txt's PLANTRACK_MAINTAINER).
MAINTAINER ?=
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build demo test asan tsan bench deb lintian format clean

all: build

deps:
	@scripts/deps.sh --build-only

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DPLANTRACK_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@for ex in examples/*/; do \
	  ex=$${ex%/}; actuals=$$ex/actuals; [ -d "$$actuals" ] || actuals=$$ex/actuals.yaml; \
	  echo "\$$ plantrack check $$ex/plan.yaml $$actuals"; \
	  $(BUILD)/plantrack check $$ex/plan.yaml $$actuals; \
	  echo "(exit status $$?)"; echo; \
	done

test: build
	@scripts/deps.sh
	cd $(BUILD) && ctest --output-on-failure

asan:
	@scripts/deps.sh
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPLANTRACK_SANITIZE=ON -DPLANTRACK_WERROR=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure

# The unit tests and both golden runs (whole and in pieces): every path that starts threads.
tsan:
	@scripts/deps.sh
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANTRACK_TSAN=ON -DPLANTRACK_WERROR=ON
	cmake --build build-tsan -j $(JOBS)
	cd build-tsan && ctest --output-on-failure -R '^(unit|golden|golden-pieces)$$'

bench:
	bench/run.sh

deb:
	@scripts/deps.sh --build-only dpkg-dev file
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all; \
	cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DPLANTRACK_TESTS=OFF \
	  -DCMAKE_CXX_FLAGS="$$(dpkg-buildflags --get CXXFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	  -DCMAKE_EXE_LINKER_FLAGS="$$(dpkg-buildflags --get LDFLAGS)" \
	  $(if $(MAINTAINER),-DPLANTRACK_MAINTAINER="$(MAINTAINER)",-UPLANTRACK_MAINTAINER)
	cmake --build build-deb -j $(JOBS)
	rm -f build-deb/plantrack_*.deb
	cd build-deb && cpack -G DEB

# lintian on the package just built: any error or warning fails.
lintian: deb
	@scripts/deps.sh --build-only lintian
	lintian --fail-on error,warning build-deb/plantrack_*.deb

format:
	@scripts/deps.sh --build-only clang-format
	clang-format -i src/*.cpp src/*.hpp tests/*.cpp tests/*.hpp fuzz/*.cpp bench/*.cpp

clean:
	rm -rf $(BUILD) build-asan build-tsan build-release build-deb
