import { Tooltip, type TooltipProps } from '@mantine/core';
import {
  cloneElement,
  useState,
  type FocusEvent,
  type PointerEvent,
  type ReactElement,
} from 'react';

type Hinted = ReactElement<{
  onPointerEnter?: (event: PointerEvent) => void;
  onFocus?: (event: FocusEvent) => void;
}>;

/**
 * A Mantine tooltip that exists only once the pointer or the focus reaches its element. A list
 * row carries several hints and a screen of rows dozens: each tooltip is a floating-element
 * machine (hooks, listeners, measurements) rebuilt at every render of the list, which made
 * switching queues slow (issue 18 §3: tooltips were the largest share of a switch's render).
 * Until reached, the element renders alone; the pointer's next move over it opens the tooltip.
 */
export function HoverHint(props: Omit<TooltipProps, 'children'> & { children: Hinted }) {
  const { children, ...tooltip } = props;
  const [reached, setReached] = useState(false);
  if (reached) return <Tooltip {...tooltip}>{children}</Tooltip>;
  return cloneElement(children, {
    onPointerEnter: (event: PointerEvent) => {
      children.props.onPointerEnter?.(event);
      setReached(true);
    },
    onFocus: (event: FocusEvent) => {
      children.props.onFocus?.(event);
      setReached(true);
    },
  });
}
