fn main() {
    abkit::start();
}
