import { render } from "preact";
import { App } from "./app";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/components.css";
import "uplot/dist/uPlot.min.css";

render(<App />, document.getElementById("app")!);
