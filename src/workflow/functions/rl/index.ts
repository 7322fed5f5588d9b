// The Web-nav RL trainer and affordance synthesiser as workflow functions. Each module registers itself.
import './train-agent';
import './synthesize-affordances';
